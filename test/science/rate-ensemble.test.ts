import { beforeAll, describe, expect, it } from 'vitest';
import { BlowUpError, deriveSeed, load, type RateRun, type Runtime, simulateRate, simulateRateEnsemble } from '../../src/index.js';
import { gaussianDense } from '../helpers/networks.js';
import { randomCsr } from '../helpers/random.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

/** Everything a run computes except its wall time. */
const numbers = (run: RateRun) => ({
  recording: run.recording, q: run.summary.q, meanActivity: run.summary.meanActivity, samples: run.summary.samples,
  params: run.params,
});

describe('simulateRateEnsemble', () => {
  // n = 61 (odd: the products' last column), m = 3 (odd: gemm_rows pairs vectors) and noise, so
  // states, noise streams and the one-pass product all have to match for toEqual to hold.
  it.each(['rk4', 'euler'] as const)('each trajectory equals its own simulateRate bit for bit (dense J, %s, noise)', async (integrator) => {
    using J = gaussianDense(rt, 61, 1.8, 'ensemble-dense');
    const params = { connectivity: J, noise: 0.05, bias: 0.1 };
    const options = { t: 6, transient: 1, seed: 'ens', integrator, record: { units: 'all' as const, every: 3 } };
    const ensemble = await simulateRateEnsemble(rt, params, { ...options, trajectories: 3 });
    expect(ensemble.runs).toHaveLength(3);
    for (let a = 0; a < 3; a++) {
      const alone = await simulateRate(rt, params, { ...options, seed: deriveSeed('ens', 'trajectory', a) });
      expect(numbers(ensemble.runs[a])).toEqual(numbers(alone));
    }
    expect(ensemble.runs[0].recording!.values).not.toEqual(ensemble.runs[1].recording!.values);
  });

  it('holds for CSR connectivity (m products) and a time-dependent input, with phi recorded', async () => {
    using J = rt.csr(randomCsr('ensemble-csr', 40, 40, 5));
    const input = (t: number, out: Float64Array) => out.fill(0.2 * Math.sin(t));
    const params = { connectivity: J, phi: 'sigmoid' as const, input };
    const options = { t: 4, seed: 9, record: { units: [0, 7, 39], variable: 'phi' as const } };
    const ensemble = await simulateRateEnsemble(rt, params, { ...options, trajectories: 2 });
    for (let a = 0; a < 2; a++) {
      const alone = await simulateRate(rt, params, { ...options, seed: deriveSeed(9, 'trajectory', a) });
      expect(numbers(ensemble.runs[a])).toEqual(numbers(alone));
    }
  });

  it('with a shared x0 and no noise all trajectories coincide; record: false keeps the summaries', async () => {
    using J = gaussianDense(rt, 20, 1.5, 'ensemble-x0');
    const x0 = Array.from({ length: 20 }, (_, i) => Math.sin(i));
    const ensemble = await simulateRateEnsemble(rt, { connectivity: J }, { t: 3, x0, record: false, trajectories: 4 });
    expect(ensemble.runs[0].recording).toBeNull();
    for (const run of ensemble.runs) expect(run.summary.q).toEqual(ensemble.runs[0].summary.q);
    expect(ensemble.runs[3].summary.wallMs).toBe(ensemble.wallMs);
  });

  it('rejects bad trajectory counts and unknown options by name, and says which trajectory blew up', async () => {
    using J = gaussianDense(rt, 8, 1, 'ensemble-errors');
    await expect(simulateRateEnsemble(rt, { connectivity: J }, { t: 1, trajectories: 0 })).rejects.toThrow(/simulateRateEnsemble: trajectories must be an integer ≥ 1 \(got 0\)/);
    await expect(simulateRateEnsemble(rt, { connectivity: J }, { t: 1, trajectories: 1.5 })).rejects.toThrow(/trajectories/);
    await expect(simulateRateEnsemble(rt, { connectivity: J }, { t: 1, trajectories: 2, trajectory: 3 } as never)).rejects.toThrow(/trajectory/);
    using big = rt.dense(4, 4, new Float64Array(16).fill(2));
    const blowUp = simulateRateEnsemble(rt, { connectivity: big, phi: 'linear' }, { t: 20, trajectories: 2, stateLimit: 50, record: false });
    await expect(blowUp).rejects.toBeInstanceOf(BlowUpError);
    await expect(simulateRateEnsemble(rt, { connectivity: big, phi: 'linear' }, { t: 20, trajectories: 2, stateLimit: 50, record: false }))
      .rejects.toThrow(/rate network \(trajectory 0\) blew up/);
  });
});
