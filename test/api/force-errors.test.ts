import { beforeAll, describe, expect, it } from 'vitest';
import {
  arrayTarget, ForceDivergenceError, forceTarget, functionTarget, load, ouTarget, type Runtime, sinesTarget, trainForce,
  trainReadoutForce, trainRecurrentForce,
} from '../../src/index.js';

describe('FORCE: invalid input, divergence, cancellation', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });
  const small = { n: 50, trainPeriods: 1, testPeriods: 1 };
  const sines = sinesTarget({ period: 12 });

  it('names the parameter for α ≤ 0, learnEvery < 1, unknown target or mode, dt mismatch', async () => {
    await expect(trainReadoutForce(rt, { ...small, target: sines, alpha: 0 })).rejects.toThrow(/trainReadoutForce: alpha must be > 0/);
    await expect(trainReadoutForce(rt, { ...small, target: sines, alpha: -2 })).rejects.toThrow(/alpha/);
    await expect(trainReadoutForce(rt, { ...small, target: sines, learnEvery: 0 })).rejects.toThrow(/learnEvery must be an integer ≥ 1/);
    await expect(trainReadoutForce(rt, { ...small, target: sines, dt: 0.05 })).rejects.toThrow(/target.dt = 0.1 differs from dt = 0.05/);
    expect(() => forceTarget(rt, { kind: 'square' } as never)).toThrow(/forceTarget: kind must be one of 'sines', 'sequence', 'ou'/);
    await expect(trainForce(rt, { mode: 'hebbian', target: sines } as never)).rejects.toThrow(/trainForce: mode must be one of 'readout', 'recurrent'/);
    await expect(trainReadoutForce(rt, { ...small, target: { ...sines, kind: 'square' } as never })).rejects.toThrow(/unknown target kind 'square'/);
    await expect(trainReadoutForce(rt, { ...small, target: sines, typo: 1 } as never)).rejects.toThrow(/unknown option 'typo'/);
  });

  it('reports target length mismatches', async () => {
    expect(() => arrayTarget([1, 2, 3], { m: 2, dt: 0.1, period: 0.2 })).toThrow(/not a multiple of m = 2 \(target length mismatch\)/);
    expect(() => arrayTarget([1, 2, 3], { m: 1, dt: 0.1, period: 0.2 })).toThrow(/needs period\/dt = 2 samples per output, got 3/);
    expect(() => functionTarget(() => [1, 2], { m: 1, dt: 0.1, period: 1 })).toThrow(/must give m = 1 values/);
    const short = ouTarget(rt, { m: 1, period: 12, periodic: false, periods: 1 });
    await expect(trainReadoutForce(rt, { ...small, target: short })).rejects.toThrow(/has 120 samples but warm-up, training and test need 240 \(target length mismatch\)/);
    await expect(trainRecurrentForce(rt, { ...small, target: sinesTarget({ m: 3, period: 12 }), trainedNeurons: 5 }))
      .rejects.toThrow(/target has m = 3 outputs but 5 neurons are trained \(target length mismatch\)/);
    await expect(trainRecurrentForce(rt, { ...small, target: sines, plasticInputs: [1, 1] })).rejects.toThrow(/plasticInputs\[1\] must be a distinct integer/);
  });

  it('a diverging run stops with an error saying when', async () => {
    // α = 1e-320: P(0) = I/α overflows to ∞ and the first gain c = 1/(1 + rᵀPr) is 0.
    const tiny = trainReadoutForce(rt, { ...small, target: sines, alpha: 1e-320 });
    await expect(tiny).rejects.toThrow(ForceDivergenceError);
    await expect(trainReadoutForce(rt, { ...small, target: sines, alpha: 1e-320 }))
      .rejects.toThrow(/diverged at t = 0\.0000 \(step 0, training\): c = 1\/\(1 \+ rᵀPr\) = 0/);
    // α = 1e-300: c is finite at step 0 but c·k_i·k_j ~ 1e600 overflows P, so the next update (step 2) finds c = NaN.
    await expect(trainReadoutForce(rt, { ...small, target: sines, alpha: 1e-300 }))
      .rejects.toThrow(/diverged at t = 0\.2000 \(step 2, training\): c = 1\/\(1 \+ rᵀPr\) = NaN/);
    // A target of 1e308 makes (y − f)² overflow at once.
    const huge = arrayTarget(new Float64Array(120).fill(1e308), { m: 1, dt: 0.1, period: 12 });
    await expect(trainReadoutForce(rt, { ...small, target: huge })).rejects.toThrow(/diverged at t = 0\.0000 \(step 0, training\): the output error/);
  });

  it('a target-driven warm-up learns nothing; updates count training steps only', async () => {
    const r = await trainReadoutForce(rt, { ...small, target: sines, warmUpPeriods: 2, learnEvery: 3 });
    expect(r.traces.warmUpSteps).toBe(240);
    expect(r.updates).toBe(Math.ceil(120 / 3));
    expect(r.traces.meanSquaredError).toHaveLength(240 + 120 + 120);
    const recurrent = await trainRecurrentForce(rt, { ...small, target: sinesTarget({ m: 4, period: 12 }), plasticInputs: [3, 9, 27] });
    expect(recurrent.traces.warmUpSteps).toBe(120);
    expect(Array.from(recurrent.weights.plasticInputs)).toEqual([3, 9, 27]);
    expect(recurrent.weights.delta).toHaveLength(4 * 3);
  });

  it('reports progress and honours cancellation', async () => {
    const seen: number[] = [];
    await trainReadoutForce(rt, { ...small, target: sines, chunkSteps: 40, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([40, 80, 120, 160, 200, 240]);
    const controller = new AbortController();
    const run = trainReadoutForce(rt, {
      ...small, target: sines, chunkSteps: 10, onProgress: (done) => { if (done >= 50) controller.abort(); }, signal: controller.signal,
    });
    await expect(run).rejects.toThrow(/cancelled at t = 5\.0000 \(step 50\)/);
  });
});
