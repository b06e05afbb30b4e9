/**
 * Simulation against the N → ∞ dimension theory (Clark, Abbott & Litwin-Kumar 2023), g = 3, tanh,
 * RK4 with dt = 0.1 τ, 300 τ recorded after 50 τ, sampled every 0.5 τ, cross-block estimate over 10
 * blocks. Larger sizes and more seeds are in the report and in `rnnkit dimension --simulate`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  gaussianNetwork, load, modeStatistics, type Network, participationRatio, randomModeNetwork, type Runtime, type SampleMatrix,
  type ScsCorrelations, scsCorrelations, scsDimension, simulateRate,
} from '../../src/index.js';

const G = 3;
let rt: Runtime;
let correlations: ScsCorrelations | null;
beforeAll(async () => {
  rt = await load();
  correlations = scsCorrelations(G);
});

async function measure(net: Network, seed: number) {
  const run = await simulateRate(rt, { connectivity: net }, { t: 350, transient: 50, dt: 0.1, seed, record: { units: 'all', every: 5 } });
  const rec = run.recording as SampleMatrix;
  const x = participationRatio(rt, rec);
  const phi = participationRatio(rt, { ...rec, values: rec.values.map(Math.tanh) });
  expect(x.status).toBe('ok');
  return { x: x.prOverN as number, xErr: x.prOverNStdErr as number, phi: phi.prOverN as number };
}

const theory0 = () => scsDimension(G, { correlations });
const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;

/** PR of `count` i.i.d. networks of size n (seeds dim-sim-n-s). */
async function iidNetworks(n: number, count: number) {
  const out = [];
  for (let s = 0; s < count; s++) {
    using net = gaussianNetwork(rt, { n, g: G, seed: `dim-sim-${n}-${s}` });
    out.push(await measure(net, s));
  }
  return out;
}

describe('dimension: simulation against theory (g = 3)', () => {
  let iid400: Awaited<ReturnType<typeof iidNetworks>>;
  beforeAll(async () => {
    iid400 = await iidNetworks(400, 3);
  }, 120_000);

  it('i.i.d. networks: the finite-N excess over the N → ∞ PR/N shrinks from N = 100 (10 networks) to N = 400 (3 networks)', async () => {
    const theory = scsDimension(G, { correlations });
    const small = await iidNetworks(100, 10);
    const excess = (runs: { x: number }[]) => mean(runs.map((r) => r.x)) - (theory.prXOverN as number);
    // Finite networks lie above the theory (quenched network-to-network spread ≈ 0.015 at N = 100, 0.005 at N = 400,
    // so the 10- and 3-network means are known to ≈ 0.005 and 0.003) and the excess falls with N.
    expect(excess(small)).toBeGreaterThan(excess(iid400));
    expect(excess(iid400)).toBeGreaterThan(-0.1 * (theory.prXOverN as number));
    expect(Math.abs(mean(iid400.map((r) => r.x)) / (theory.prXOverN as number) - 1)).toBeLessThan(0.5);
    expect(Math.abs(mean(iid400.map((r) => r.phi)) / (theory.prPhiOverN as number) - 1)).toBeLessThan(0.5);
    // PR^φ > PR^x in theory and in every network: the saturating φ spreads variance over more dimensions.
    expect(theory.prPhiOverN as number).toBeGreaterThan(theory.prXOverN as number);
    for (const r of [...small, ...iid400]) expect(r.phi).toBeGreaterThan(r.x);
  });

  it('J = gO (ε = −1) has a much larger PR than i.i.d. J, and Gaussian modes of rank N/4 (ε ≈ 4) a much smaller one, as predicted', async () => {
    const n = 400;
    const iidMean = mean(iid400.map((r) => r.x));

    using orthogonal = randomModeNetwork(rt, { n, g: G, spectrum: new Array(n).fill(1), orthonormal: true, seed: 'dim-rm-gO' });
    const epsO = modeStatistics(rt, orthogonal).epsilon;
    expect(Math.abs(epsO + 1)).toBeLessThan(1e-10);
    const theoryO = scsDimension(G, { epsilon: epsO, correlations });
    const measuredO = await measure(orthogonal, 7);
    // Theory: 0.187 against 0.031 for i.i.d. J. The simulated N = 400 network gives ≈ 0.14 ± 0.02 (jackknife), so
    // allow 40 % below the theory (finite N and one network) and 20 % above.
    expect(measuredO.x).toBeGreaterThan(2.5 * iidMean);
    expect(measuredO.x / (theoryO.prXOverN as number)).toBeGreaterThan(0.6);
    expect(measuredO.x / (theoryO.prXOverN as number)).toBeLessThan(1.2);

    using lowRank = randomModeNetwork(rt, { n, g: G, spectrum: new Array(n / 4).fill(1), seed: 'dim-rm-R100' });
    const epsR = modeStatistics(rt, lowRank).epsilon;
    expect(Math.abs(epsR / 4 - 1)).toBeLessThan(0.05); // ε ≈ N/R for Gaussian modes
    const theoryR = scsDimension(G, { epsilon: epsR, correlations });
    const measuredR = await measure(lowRank, 7);
    // Theory: 0.0073 against 0.031, a quarter. Five N = 400 networks gave 0.0065–0.0113 (mean 0.0096, +31 %); at
    // N = 800 two gave 0.0116 and 0.0117 (see the issue note: the finite-N excess of Gaussian-mode networks does not
    // shrink visibly up to N = 800). Hold the qualitative claim firmly and the quantitative one within a factor 2.
    expect(theoryR.prXOverN as number).toBeLessThan((theory0().prXOverN as number) / 3);
    expect(measuredR.x).toBeLessThan(iidMean / 2);
    expect(measuredR.x / (theoryR.prXOverN as number)).toBeGreaterThan(0.7);
    expect(measuredR.x / (theoryR.prXOverN as number)).toBeLessThan(2);
  });
});
