/**
 * Brian2 parity: test/fixtures/spiking/brian2-mixed-n500.json was made by Brian2 2.5.1
 * (make_brian2_fixture.py beside it) for a mixed LIF/QIF network, N = 500, p = 0.1, two couplings,
 * 1 s of forward Euler at dt = 0.1 ms. rnnkit must produce the same spikes, step for step: the
 * Euler step performs Brian2's operations in Brian2's order, so no tolerance is needed. Spikes alone
 * are a blunt check (resets erase small differences: a reordered sum still gives the same spikes),
 * so v and I after the last step must be the same doubles as Brian2's (numpy target) too.
 * Brian2's Cython runtime (its default; built with -ffast-math) gives the same spikes but final
 * states that differ by up to 6e-12 mV, which is why the fixture comes from the numpy target.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { resolveTypeParams, spikingTable } from '../../src/dynamics/spiking-params.js';
import { SPIKING_INTEGRATORS } from '../../src/wasm/abi.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { type KernelCase, type KernelResult, runReference, runWasm } from '../helpers/spiking.js';

interface Fixture {
  n: number;
  p: number;
  dtMs: number;
  steps: number;
  params: { muLif: number; muQif: number };
  types: number[];
  v0E4: number[];
  csr: { rowPtr: number[]; colIdx: number[]; xiE4: number[] };
  runs: { jc: number; nSpikes: number; neuron: number[]; step: number[]; vEnd: number[]; iEnd: number[] }[];
}

const fixture: Fixture = JSON.parse(readFileSync(new URL('../fixtures/spiking/brian2-mixed-n500.json', import.meta.url), 'utf8'));

/** The fixture's network as a kernel case: w_ij = (ξ·10⁴/10⁴)·(J_c/√(pN)), as the script computes it. */
function fixtureCase(run: Fixture['runs'][number]): KernelCase {
  const { n, p } = fixture;
  const scale = run.jc / Math.sqrt(p * n);
  const types = Int32Array.from(fixture.types);
  const table = spikingTable('fixture', { lif: resolveTypeParams('fixture', 'lif', {}), qif: resolveTypeParams('fixture', 'qif', {}) }, fixture.dtMs);
  return {
    n, types, table, integrator: SPIKING_INTEGRATORS.euler, f32: false, delaySteps: 0, nSteps: fixture.steps,
    mu: Float64Array.from(types, (t) => (t ? fixture.params.muQif : fixture.params.muLif)),
    v0: Float64Array.from(fixture.v0E4, (k) => k / 1e4),
    csr: {
      nRows: n, nCols: n, rowPtr: Int32Array.from(fixture.csr.rowPtr), colIdx: Int32Array.from(fixture.csr.colIdx),
      values: Float64Array.from(fixture.csr.xiE4, (k) => (k / 1e4) * scale),
    },
    capacity: 1 << 16, recIdx: new Int32Array(0), seed: 'unused',
  };
}

const pairs = (run: Fixture['runs'][number]) => Int32Array.from(run.neuron.flatMap((i, k) => [i, run.step[k]]));

function expectBrian2(result: KernelResult, run: Fixture['runs'][number]): void {
  expect(result.spikes.length / 2).toBe(run.nSpikes);
  expect(result.spikes).toEqual(pairs(run));
  expect(result.v).toEqual(Float64Array.from(run.vEnd));
  expect(result.cur).toEqual(Float64Array.from(run.iEnd));
}

describe('Brian2 parity (N = 500, p = 0.1, 1 s, Euler)', () => {
  it('the fixture holds an active network (> 20 Hz) at both couplings', () => {
    expect(fixture.runs.map((r) => r.jc)).toEqual([2, 10]);
    for (const run of fixture.runs) expect(run.nSpikes / fixture.n).toBeGreaterThan(20); // > 20 Hz
  });

  it.each(fixture.runs.map((r) => [r.jc, r] as const))('reference: identical spikes and final state at J_c = %d', (_, run) => {
    expectBrian2(runReference(fixtureCase(run)), run);
  });

  describe.each(BUILDS.filter((b) => b.build === 'release'))('WASM [%o]', (b) => {
    let rt: Runtime;
    beforeAll(async () => {
      rt = await loadBuild(b);
    });
    it.each(fixture.runs.map((r) => [r.jc, r] as const))('identical spikes and final state at J_c = %d', (_, run) => {
      expectBrian2(runWasm(rt, fixtureCase(run)), run);
    });
  });
});
