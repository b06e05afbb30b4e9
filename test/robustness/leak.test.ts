/**
 * Handles dropped without dispose() are freed by the arena's FinalizationRegistry. Run in a child
 * `node --expose-gc` (the built package in dist/) so that the test can force collections: 10⁵ dropped
 * 8 KiB buffers would need 800 MB if none were freed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const DIST = new URL('../../dist/index.js', import.meta.url).href;

const SCRIPT = `
import { load } from ${JSON.stringify(DIST)};
const rt = await load();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0)); // finalisers run in a later task
const kept = Array.from({ length: 10 }, (_, i) => rt.f64From([i, i + 0.5]));
const startBytes = rt.memoryBytes;
const liveAtStart = rt.liveHandles;
let peakBytes = startBytes;
let peakLive = 0;
for (let i = 0; i < 100000; i++) {
  rt.f64(1024); // 8 KiB, dropped without dispose()
  peakLive = Math.max(peakLive, rt.liveHandles);
  if (i % 2000 === 1999) {
    globalThis.gc();
    await settle();
    peakBytes = Math.max(peakBytes, rt.memoryBytes);
  }
}
for (let r = 0; r < 3; r++) { globalThis.gc(); await settle(); }
const keptIntact = kept.every((b, i) => b.toArray()[0] === i && b.toArray()[1] === i + 0.5);
console.log(JSON.stringify({ startBytes, peakBytes, liveAtStart, peakLive, liveAtEnd: rt.liveHandles, keptIntact }));
`;

describe('handles dropped without dispose()', () => {
  it('10⁵ dropped buffers are finalised: WASM memory stays bounded and liveHandles counts only live ones', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', SCRIPT], { timeout: 60_000 });
    const r = JSON.parse(stdout);
    // With the registry working, at most the 2000 buffers of one collection interval (16 MiB) plus
    // whatever V8 has not collected yet are live at once; 64 MiB leaves room for TLSF fragmentation.
    // Without it the buffers pile up to 800 MB.
    expect(r.peakBytes - r.startBytes).toBeLessThanOrEqual(64 * 2 ** 20);
    // The count rises while handles are alive (so it is not stuck at 0) and falls as they are collected.
    expect(r.liveAtStart).toBeGreaterThanOrEqual(10);
    expect(r.peakLive).toBeGreaterThan(r.liveAtStart);
    expect(r.liveAtEnd).toBeLessThan(r.liveAtStart + 2000);
    expect(r.liveAtEnd).toBeGreaterThanOrEqual(10); // the ten kept buffers are still counted ...
    expect(r.keptIntact).toBe(true); // ... and were not freed under their owners
  });
});
