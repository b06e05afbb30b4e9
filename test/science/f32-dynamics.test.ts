import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, simulateRate } from '../../src/index.js';
import { scsVariance } from '../../src/theory/dmft/scs.js';
import { gaussianDense } from '../helpers/networks.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

describe('rate networks with f32 weights', () => {
  it('follow the f64 trajectory for a short time and give the same DMFT variance q', async () => {
    using J = gaussianDense(rt, 300, 2, 'f32-dynamics');
    using J32 = rt.toF32(J);
    // Short time: each product differs by ≤ u32·Σ|J_ij φ_j| ≈ 6e-8·(g√(2N/π)·‖φ‖∞ ≈ 28) ≈ 2e-6 per
    // stage; over t = 1 it grows at most like e^{(‖J‖ + 1)t} with ‖J‖ ≈ 2g = 4: e^5 ≈ 150, so
    // ≤ 3e-4. 1e-3 allows for the crude constants and still fails for a wrong matrix (O(1)).
    const short = { t: 1, seed: 5, record: { units: 'all' as const } };
    const a = await simulateRate(rt, { connectivity: J }, short);
    const b = await simulateRate(rt, { connectivity: J32 }, short);
    const last = a.recording!.nSamples - 1;
    for (let i = 0; i < 300; i++) {
      const k = last * 300 + i;
      expect(Math.abs(a.recording!.values[k] - b.recording!.values[k])).toBeLessThan(1e-3);
    }
    // Statistics: both runs sample the same chaotic attractor; q of each is within 10% of the DMFT
    // Δ0 (the same tolerance as the f64 test in rate-dynamics), and of each other within 10%.
    const long = { t: 150, transient: 50, seed: 1, record: false as const };
    const q64 = (await simulateRate(rt, { connectivity: J }, long)).summary.q;
    const q32 = (await simulateRate(rt, { connectivity: J32 }, long)).summary.q;
    expect(Math.abs(q32 / scsVariance(2) - 1)).toBeLessThan(0.1);
    expect(Math.abs(q32 / q64 - 1)).toBeLessThan(0.1);
  });
});
