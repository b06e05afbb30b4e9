/**
 * The streaming lognormal build (src/connectivity/lognormal.ts): the stub pool lives in the values
 * buffer and the weights find reverse edges by binary search, so nothing edge-sized is held beside
 * the CSR. Checked against the generator as it was before (digests of its output), the pure-JS
 * reference builder, and a memory bound per edge.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_STUB_TRIES } from '../../src/connectivity/lognormal.js';
import { MAX_EDGES, MAX_EDGES_F32 } from '../../src/connectivity/network.js';
import { type CsrMatrix, load, lognormalNetwork, type Runtime } from '../../src/index.js';
import { lognormalLogParams } from '../../src/random/rng.js';
import { seedWords } from '../../src/random/seed.js';
import { lognormalArraysRef } from '../../src/reference/connectivity.js';
import { XoshiroFastRef } from '../../src/reference/rng.js';
import { LARGE_BLOCK_BYTES } from '../../src/wasm/arena.js';
import { expectClose, U } from '../helpers/tolerance.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

type Digest = { options: Parameters<typeof lognormalNetwork>[1]; placed: number; requested: number; rowPtr: string; colIdx: string; values: string };
const DIGESTS: Digest[] = JSON.parse(readFileSync(new URL('../fixtures/lognormal-digests.json', import.meta.url), 'utf8'));
const sha256 = (a: Int32Array | Float64Array | Float32Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

/** Bytes of the n-sized buffers a build holds: k_in, k_out (f64), rowPtr, out-degrees, marks, column counts (i32), and the RNG state. */
const perNeuronBytes = 2 * 8 + 4 * 4;

describe('the streaming lognormal build', () => {
  it.each(DIGESTS.map((d) => [JSON.stringify(d.options), d] as const))('%s equals the generator before streaming, bit for bit', (_, d) => {
    using net = lognormalNetwork(rt, d.options);
    const { rowPtr, colIdx, values } = (net.matrix as CsrMatrix).toArrays();
    expect(rowPtr[d.options.n]).toBe(d.placed);
    expect([sha256(rowPtr), sha256(colIdx), sha256(values)]).toEqual([d.rowPtr, d.colIdx, d.values]);
  });

  it('equals the pure-JS reference builder where inputs stay unplaced (the compaction path)', () => {
    const [n, k, cv, g, eta] = [60, 40, 1.5, 1, 0.7];
    using net = lognormalNetwork(rt, { n, k, cv, eta, seed: 'lossy' });
    expect(net.info.placedEdges).toBeLessThan(net.info.requestedEdges);
    const { mu, sigma } = lognormalLogParams({ mean: k, cv });
    const ref = lognormalArraysRef(new XoshiroFastRef(seedWords('lossy')), n, k, mu, sigma, 0, g, 0, eta, MAX_STUB_TRIES);
    const got = (net.matrix as CsrMatrix).toArrays();
    expect(got.rowPtr).toEqual(ref.rowPtr);
    expect(got.colIdx).toEqual(ref.colIdx);
    // Normals differ from the reference only through Math.log/Math.sqrt (a few ulps; |z| < 8): see test/kernels/connectivity.test.ts.
    expectClose(got.values, ref.values, 16 * U * 16 * (g / Math.sqrt(k)));
  });

  it.each([['f32', 4], ['f64', 8]] as const)('holds at most the final CSR (4 + %s bytes per edge) and n-sized buffers while it builds', (dtype, valueBytes) => {
    // Live bytes over the build, from every allocation and release of the arena.
    const sizes = new Map<number, number>();
    let live = 0;
    let peak = 0;
    const [allocateBytes, releaseBytes] = [rt.arena.allocate.bind(rt.arena), rt.arena.release.bind(rt.arena)];
    const allocate = vi.spyOn(rt.arena, 'allocate').mockImplementation((kind, count, where) => {
      const ptr = allocateBytes(kind, count, where);
      sizes.set(ptr, count * (kind === 'f64' ? 8 : 4));
      live += count * (kind === 'f64' ? 8 : 4);
      peak = Math.max(peak, live);
      return ptr;
    });
    const release = vi.spyOn(rt.arena, 'release').mockImplementation((handle, ptr) => {
      live -= sizes.get(ptr) ?? 0;
      releaseBytes(handle, ptr);
    });
    const n = 20_000;
    try {
      using net = lognormalNetwork(rt, { n, k: 50, cv: 1, eta: 0.5, seed: 'memory', dtype });
      const edges = net.info.requestedEdges;
      expect(net.info.placedEdges).toBe(edges);
      // The bound: the CSR itself (rowPtr included in the n-sized part) plus 1 KiB for small scratch.
      // The generator before streaming held one more i32 per edge (stub pool, then partners): 4·edges above it.
      expect(peak).toBeLessThanOrEqual((4 + valueBytes) * edges + perNeuronBytes * (n + 1) + 1024);
      expect(peak).toBeGreaterThanOrEqual((4 + valueBytes) * edges);
    } finally {
      allocate.mockRestore();
      release.mockRestore();
    }
  });

  it('commits 8 bytes per edge in large blocks for f32 at 1.8·10⁷ edges (fresh runtime)', async () => {
    const fresh = await load();
    const [n, k] = [150_000, 120];
    // Both edge-sized buffers (72 MB) are above the large-block threshold, so each is whole pages of its own.
    expect(4 * n * k).toBeGreaterThan(LARGE_BLOCK_BYTES);
    const before = fresh.arena.memoryBytes;
    using net = lognormalNetwork(fresh, { n, k, cv: 1, seed: 'committed', dtype: 'f32' });
    const edges = net.info.requestedEdges;
    expect(net.info.placedEdges).toBe(edges);
    // Two blocks of 4·edges bytes, each rounded up to 64 KiB pages; the generator before held a third (the stub pool).
    expect(fresh.arena.largeBlockBytes).toBeLessThanOrEqual(8 * edges + 2 * 65_536);
    // Everything else committed is the heap: its reserve below the large blocks (LARGE_BLOCK_BYTES,
    // which TLSF may have doubled while growing) holds the n-sized buffers.
    expect(fresh.arena.memoryBytes - before).toBeLessThanOrEqual(fresh.arena.largeBlockBytes + 2 * LARGE_BLOCK_BYTES);
  });

  it('refuses n·k beyond what fits, naming n·k, the limit and why, before allocating anything', () => {
    const before = rt.arena.liveHandles;
    const n = 10_000_000;
    expect(() => lognormalNetwork(rt, { n, k: (MAX_EDGES + 1) / n })).toThrow(
      new RegExp(`lognormalNetwork: n·k = ${MAX_EDGES + 1} edges exceed the ${MAX_EDGES} that fit in WASM memory \\(the f64 weights .*dtype 'f32' allows ${MAX_EDGES_F32}\\)`),
    );
    expect(() => lognormalNetwork(rt, { n, k: 60, dtype: 'f32' })).toThrow(
      new RegExp(`lognormalNetwork: n·k = 600000000 edges exceed the ${MAX_EDGES_F32} that fit in WASM memory \\(8 bytes per edge .* in 4 GiB beside the 64 MiB heap\\)`),
    );
    expect(() => lognormalNetwork(rt, { n, k: 60, undirected: true, dtype: 'f32' })).toThrow(/edges exceed/);
    expect(rt.arena.liveHandles).toBe(before);
  });
});
