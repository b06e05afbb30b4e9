/**
 * SpikingNetwork end to end: Brian2 parity through the public API, the monitors against each
 * other, and the mixed-network statistics the founding study reports (N = 1000, p = 0.1,
 * w = J_c ξ/√(pN)): CV rises with J_c for every mix, QIF neurons stay more regular than LIF
 * neurons, and the dimension (PR) grows from weak to intermediate coupling.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BlowUpError, type CsrMatrix, load, type Runtime, sparseGaussianNetwork, sparseGaussianScale, type SpikeStatistics, SpikingNetwork,
  spikeStatistics,
} from '../../src/index.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

interface Fixture {
  n: number; p: number; dtMs: number; tMs: number; types: number[]; v0E4: number[];
  csr: { rowPtr: number[]; colIdx: number[]; xiE4: number[] };
  runs: { jc: number; neuron: number[]; step: number[]; vEnd: number[]; iEnd: number[] }[];
}
const fixture: Fixture = JSON.parse(readFileSync(new URL('../fixtures/spiking/brian2-mixed-n500.json', import.meta.url), 'utf8'));

describe('Brian2 parity through SpikingNetwork', () => {
  it.each(fixture.runs.map((r) => [r.jc, r] as const))('J_c = %d: identical spikes and final v, I', async (_, run) => {
    const { n, p } = fixture;
    const scale = sparseGaussianScale(run.jc, p, n);
    using weights = rt.csr({ nRows: n, nCols: n, rowPtr: fixture.csr.rowPtr, colIdx: fixture.csr.colIdx, values: fixture.csr.xiE4.map((k) => (k / 1e4) * scale) });
    using net = new SpikingNetwork(rt, { weights, types: fixture.types, v0: fixture.v0E4.map((k) => k / 1e4), dtMs: fixture.dtMs });
    const result = await net.run({ tMs: fixture.tMs, chunkSteps: 777 });
    expect(result.spikes?.neuron).toEqual(Int32Array.from(run.neuron));
    expect(result.spikes?.step).toEqual(Int32Array.from(run.step));
    expect(net.state()).toEqual({ v: Float64Array.from(run.vEnd), I: Float64Array.from(run.iEnd) });
  });
});

describe('monitors and runs', () => {
  async function mixed(options: { g?: number; seed?: number } = {}) {
    using weights = sparseGaussianNetwork(rt, { n: 300, p: 0.1, g: options.g ?? 8, seed: options.seed ?? 3 });
    return new SpikingNetwork(rt, { weights, seed: options.seed ?? 3 });
  }

  it('two runs of 250 ms continue exactly as one run of 500 ms; streamed chunks equal the kept spikes', async () => {
    using once = await mixed();
    const whole = await once.run({ tMs: 500 });
    using twice = await mixed();
    const streamed: number[] = [];
    const first = await twice.run({ tMs: 250, onSpikes: (neurons, steps) => {
      neurons.forEach((i, k) => {
        streamed.push(i, steps[k]);
      });
    } });
    const second = await twice.run({ tMs: 250, keepSpikes: false });
    expect(second.spikes).toBeNull();
    expect(first.nSpikes + second.nSpikes).toBe(whole.nSpikes);
    expect(Int32Array.from(streamed.filter((_, k) => k % 2 === 0))).toEqual(first.spikes?.neuron);
    expect(twice.state()).toEqual(once.state());
    expect(first.spikes?.fromStep).toBe(0);
    expect(second.populationRate.startMs).toBe(250);
  });

  it('the population rate integrates to the spike count; the state monitor sees each reset', async () => {
    using net = await mixed();
    const neurons = [0, 5, 17];
    const run = await net.run({ tMs: 300, rateBinMs: 2, record: { neurons, every: 1 } });
    const { rateHz, binMs } = run.populationRate;
    expect(rateHz.length).toBe(150);
    const total = rateHz.reduce((s, r) => s + (r * net.n * binMs) / 1000, 0);
    expect(total).toBeCloseTo(run.nSpikes, 6);
    const state = run.state as NonNullable<typeof run.state>;
    expect(state.nSamples).toBe(3000);
    const spikes = run.spikes as NonNullable<typeof run.spikes>;
    // The sample after a spike at step s (t = (s + 1)·dt, before step s + 1) holds V_reset = 10 mV.
    for (let k = 0; k < spikes.neuron.length; k++) {
      const r = neurons.indexOf(spikes.neuron[k]);
      const s = spikes.step[k] + 1;
      if (r >= 0 && s < state.nSamples) expect(state.v[s * neurons.length + r]).toBe(10);
    }
    expect(state.timesMs[10]).toBeCloseTo(1, 12);
  });

  it('f32 weights give the same statistics as f64 weights (rates within 2%)', async () => {
    using weights = sparseGaussianNetwork(rt, { n: 500, p: 0.1, g: 10, seed: 5 });
    const rates = [];
    for (const weightPrecision of ['f64', 'f32'] as const) {
      using net = new SpikingNetwork(rt, { weights, weightPrecision, seed: 5 });
      const run = await net.run({ tMs: 1200 });
      rates.push(spikeStatistics(rt, run.spikes as NonNullable<typeof run.spikes>).rateHz);
    }
    expect(Math.abs(rates[1] / rates[0] - 1)).toBeLessThan(0.02);
  });

  it('runaway excitation stops with a BlowUpError that says when and where', async () => {
    using weights = sparseGaussianNetwork(rt, { n: 400, p: 0.1, g: 60, seed: 1 });
    using net = new SpikingNetwork(rt, { weights, fracQif: 0, seed: 1 });
    const error = await net.run({ tMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlowUpError);
    const blowUp = error as BlowUpError;
    expect(blowUp.time).toBeGreaterThan(0);
    expect(blowUp.time).toBeLessThan(2000);
    expect(blowUp.unit).toBeGreaterThanOrEqual(0);
    expect(blowUp.message).toMatch(/maxRateHz/);
  });

  it('a delay of 2 ms shifts the first recurrent effect by 2 ms', async () => {
    // Neuron 0 is driven to fire; neuron 1 (subthreshold) receives w = 50 from it.
    using weights = rt.csr({ nRows: 2, nCols: 2, rowPtr: [0, 0, 1], colIdx: [0], values: [50] });
    const firstSpike = async (delayMs: number) => {
      using net = new SpikingNetwork(rt, { weights, types: [0, 0], mu: [30, 0], v0: [19.99, 0], delayMs });
      const run = await net.run({ tMs: 20 });
      const s = run.spikes as NonNullable<typeof run.spikes>;
      return { pre: s.step[s.neuron.indexOf(0)], post: s.step[s.neuron.indexOf(1)] };
    };
    const direct = await firstSpike(0);
    const delayed = await firstSpike(2);
    expect(delayed.pre).toBe(direct.pre);
    expect(delayed.post - direct.post).toBe(20);
  });
});

describe('mixed networks: the founding study', () => {
  const couplings = [1, 3, 10];
  const mixes = [0, 0.5, 1];
  const results = new Map<string, SpikeStatistics>();

  beforeAll(async () => {
    for (const fracQif of mixes) {
      for (const g of couplings) {
        using weights = sparseGaussianNetwork(rt, { n: 1000, p: 0.1, g, seed: 11 });
        using net = new SpikingNetwork(rt, { weights, fracQif, seed: 11 });
        const run = await net.run({ tMs: 1200 });
        results.set(`${fracQif}/${g}`, spikeStatistics(rt, run.spikes as NonNullable<typeof run.spikes>, { types: net.types }));
      }
    }
  });

  it('weak coupling keeps the uncoupled ~25 Hz (within 1 Hz)', () => {
    for (const f of mixes) expect(Math.abs((results.get(`${f}/1`) as SpikeStatistics).rateHz - 25.2)).toBeLessThan(1);
  });

  it.each(mixes)('p_QIF = %f: CV rises with J_c', (f) => {
    const cvs = couplings.map((g) => (results.get(`${f}/${g}`) as SpikeStatistics).cv as number);
    for (let k = 1; k < cvs.length; k++) expect(cvs[k]).toBeGreaterThan(cvs[k - 1]);
  });

  it.each(couplings)('J_c = %d, p_QIF = 0.5: QIF neurons are more regular than LIF neurons', (g) => {
    const s = results.get(`0.5/${g}`) as SpikeStatistics;
    expect(s.cvByType.qif as number).toBeLessThan(s.cvByType.lif as number);
  });

  it.each(mixes)('p_QIF = %f: PR of 1 s windows is the cross-block estimate, within (0, N], with the plain estimate flagged as biased', (f) => {
    // The founding study's "PR grows from weak to intermediate coupling" held only for the plain
    // (tr C)²/tr C², which a 1 s window caps near its sample count (20 bins); the cross-block
    // estimate (issue 12) does not show it (see the issue 11 note). What is asserted here is that
    // the statistics are defined, in range, and say how biased the plain number would be.
    for (const g of couplings) {
      const s = results.get(`${f}/${g}`) as SpikeStatistics;
      for (const pr of [s.prBins, s.prFiltered]) {
        if (pr === null) continue; // undefined (too few effective samples) is allowed, but must be said:
        expect(pr).toBeGreaterThan(0);
        expect(pr).toBeLessThanOrEqual(1000);
      }
      if (s.prBins === null) expect(s.warnings.join('\n')).toMatch(/prBins: /);
      expect(s.warnings.join('\n')).toMatch(/prFiltered: participationRatio: the plain estimate .* biased/);
    }
  });
});

describe('sparse Gaussian Erdős–Rényi model', () => {
  it('has p(N−1) inputs per neuron, no self-loops, weights of mean 0 and variance g²/(pN), and is reproducible', () => {
    const n = 2000;
    const p = 0.05;
    const g = 3;
    using net = sparseGaussianNetwork(rt, { n, p, g, seed: 9 });
    const { rowPtr, colIdx, values } = (net.matrix as CsrMatrix).toArrays();
    const nnz = colIdx.length;
    // nnz ~ Binomial(N(N−1), p): mean 199 900, SD ≈ 436; 5 SD.
    expect(Math.abs(nnz - p * n * (n - 1))).toBeLessThan(5 * Math.sqrt(p * (1 - p) * n * (n - 1)));
    for (let i = 0; i < n; i++) for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) expect(colIdx[k]).not.toBe(i);
    const mean = values.reduce((s, w) => s + w, 0) / nnz;
    const variance = values.reduce((s, w) => s + (w - mean) ** 2, 0) / nnz;
    const expected = (g * g) / (p * n);
    // Sample variance of ~2·10⁵ Gaussians: relative SE √(2/nnz) ≈ 0.3%; mean SE √(var/nnz).
    expect(Math.abs(variance / expected - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(expected / nnz));
    expect(net.theory.bulkRadius).toBe(g);
    using again = sparseGaussianNetwork(rt, { n, p, g, seed: 9 });
    expect((again.matrix as CsrMatrix).toArrays().values).toEqual(values);
    expect(() => sparseGaussianNetwork(rt, { n, p: 0 })).toThrow(/p must be > 0/);
  });
});
