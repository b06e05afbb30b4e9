import { beforeAll, describe, expect, it } from 'vitest';
import { dot, type F64Buffer, load, type Runtime } from '../../src/index.js';
import { disposeAll } from '../../src/wasm/arena.js';

describe('buffers, lifetimes and memory', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('buffers are zero-filled, 16-byte aligned and round-trip values', () => {
    for (const n of [0, 1, 3, 17]) {
      using x = rt.f64(n);
      expect(x.ptr % 16).toBe(0);
      expect(x.toArray()).toEqual(new Float64Array(n));
    }
    using y = rt.f64From([1.5, -2, 3e-300]);
    expect(Array.from(y.toArray())).toEqual([1.5, -2, 3e-300]);
    using i = rt.i32From([1, -2, 2 ** 31 - 1]);
    expect(Array.from(i.toArray())).toEqual([1, -2, 2 ** 31 - 1]);
  });

  it('dispose is idempotent and any use afterwards throws', () => {
    const x = rt.f64From([1, 2]);
    const y = rt.f64From([1, 2]);
    x.dispose();
    x.dispose();
    expect(x.disposed).toBe(true);
    expect(() => x.ptr).toThrow(/F64Buffer used after dispose\(\)/);
    expect(() => x.view()).toThrow(/used after dispose/);
    expect(() => x.toArray()).toThrow(/used after dispose/);
    expect(() => dot(rt, x, y)).toThrow(/dot: x \(F64Buffer\) used after dispose\(\)/);
    const a = rt.dense(2, 2, [1, 2, 3, 4]);
    a.dispose();
    expect(() => a.multiply(y)).toThrow(/DenseMatrix.multiply: matrix used after dispose\(\)/);
    const s = rt.csr({ nRows: 1, nCols: 2, rowPtr: [0, 1], colIdx: [1], values: [2] });
    s[Symbol.dispose]();
    expect(() => s.multiply(y)).toThrow(/CsrMatrix.multiply: matrix used after dispose\(\)/);
    const rng = rt.rng(1);
    rng.dispose();
    expect(() => rng.normal(3)).toThrow(/used after dispose/);
    y.dispose();
  });

  it('`using` disposes at block end', () => {
    let seen: F64Buffer;
    {
      using x = rt.f64(4);
      seen = x;
      expect(seen.disposed).toBe(false);
    }
    expect(seen.disposed).toBe(true);
  });

  it('creating and disposing in a loop does not grow memory without bound', () => {
    const before = rt.memoryBytes;
    for (let i = 0; i < 2000; i++) {
      const x = rt.f64(125_000); // 1 MB each: 2 GB in total if blocks were never reused
      x.dispose();
    }
    expect(rt.memoryBytes).toBeLessThanOrEqual(before + 4 * 2 ** 20);
  });

  it('views are re-derived after memory growth; old views are detached', () => {
    using x = rt.f64From([1, 2, 3]);
    const old = x.view();
    const generation = rt.arena.generation;
    using big = rt.f64(Math.ceil((rt.memoryBytes * 2) / 8)); // forces memory.grow
    expect(rt.arena.generation).toBeGreaterThan(generation);
    expect(old.length).toBe(0); // detached by the growth
    expect(Array.from(x.view())).toEqual([1, 2, 3]);
    expect(big.length).toBeGreaterThan(0);
  });

  it('a view of WASM memory passed to an allocating call is copied before memory can move', () => {
    using src = rt.f64From([1, 2, 3, 4]);
    const huge = Math.ceil((rt.memoryBytes * 2) / 8);
    using copy = rt.f64From(src.view()); // the allocation of `copy` may grow memory
    using big = rt.f64(huge);
    using m = rt.dense(2, 2, src.view());
    expect(Array.from(copy.toArray())).toEqual([1, 2, 3, 4]);
    expect(Array.from(m.toArray())).toEqual([1, 2, 3, 4]);
    expect(big.length).toBe(huge);
  });

  it('scope() disposes what it created except what it returns', () => {
    let inner: F64Buffer[] = [];
    const kept = rt.scope(() => {
      inner = [rt.f64(3), rt.f64(4)];
      return rt.f64From([9]);
    });
    expect(inner.every((b) => b.disposed)).toBe(true);
    expect(kept.disposed).toBe(false);
    expect(kept.toArray()[0]).toBe(9);
    const pair = rt.scope(() => [rt.f64(1), rt.f64(2)]);
    expect(pair.every((b) => !b.disposed)).toBe(true);
    disposeAll(pair);
    kept.dispose();
    let leaked: F64Buffer | undefined;
    expect(() =>
      rt.scope(() => {
        leaked = rt.f64(2);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(leaked?.disposed).toBe(true);
  });

  it('rejects bad sizes and values by name', () => {
    expect(() => rt.f64(-1)).toThrow(/rt.f64: n must be an integer ≥ 0 \(got -1\)/);
    expect(() => rt.f64(1.5)).toThrow(/rt.f64: n must be an integer/);
    expect(() => rt.f64(Number.NaN)).toThrow(/rt.f64: n must be an integer/);
    expect(() => rt.f64From([1, Number.NaN])).toThrow(/F64Buffer.set: values\[1\] must be a finite number \(got NaN\)/);
    // @ts-expect-error: a wrong type is what is being tested
    expect(() => rt.f64From(5)).toThrow(/rt.f64From: values must be an array or typed array/);
    expect(() => rt.i32From([1, 2 ** 31])).toThrow(/values\[1\] must be an integer in \[-2147483648, 2147483647\]/);
    using x = rt.f64(2);
    expect(() => x.set([1, 2, 3])).toThrow(/3 values at offset 0 do not fit in a buffer of length 2/);
    expect(() => x.fill(Infinity)).toThrow(/fill: value must be a finite number/);
    expect(rt.arena.liveHandles).toBeGreaterThan(0);
  });

  it('a request beyond what one WASM buffer can hold throws a RangeError naming the size', () => {
    expect(() => rt.f64(2 ** 28)).toThrow(/rt.f64: n = 268435456 needs 2147483648 bytes, but one WASM buffer holds at most 2147483632 bytes \(2 GiB\)/);
  });
});

describe('memory exhaustion', () => {
  it('filling the 4 GiB address space throws a clear RangeError, and the runtime stays usable', async () => {
    const rt = await load();
    const blocks: F64Buffer[] = [];
    let error: unknown;
    try {
      for (let i = 0; i < 5; i++) blocks.push(rt.f64(2 ** 27 - 2)); // just under 1 GiB each
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect(String(error)).toMatch(/rt.f64: cannot allocate 1073741808 bytes for n = 134217726: WASM memory/);
    disposeAll(blocks);
    using x = rt.f64From([3, 4]);
    expect(dot(rt, x, x)).toBe(25);
  }, 60_000);
});

describe('several runtimes', () => {
  it('are independent instances; a buffer cannot be used with another runtime', async () => {
    const [a, b] = await Promise.all([load(), load()]);
    expect(a.core.memory).not.toBe(b.core.memory);
    using xa = a.f64From([1, 2]);
    using xb = b.f64From([1, 2]);
    expect(() => dot(a, xa, xb)).toThrow(/dot: y belongs to another rnnkit runtime/);
    using ma = a.dense(2, 2);
    expect(() => ma.multiply(xb)).toThrow(/DenseMatrix.multiply: x belongs to another rnnkit runtime/);
  });

  it('load() validates its options and accepts bytes or a compiled module', async () => {
    // @ts-expect-error: a wrong value is what is being tested
    await expect(load({ build: 'fast' })).rejects.toThrow(/load: build must be 'release' or 'debug'/);
    // @ts-expect-error: a wrong value is what is being tested
    await expect(load({ simd: 'yes' })).rejects.toThrow(/load: simd must be true, false or 'auto'/);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(new URL('../../build/release/rnnkit.scalar.wasm', import.meta.url));
    const fromBytes = await load({ wasm: new Uint8Array(bytes) });
    expect(fromBytes.simd).toBe(false);
    expect(fromBytes.build).toBe('custom');
    const fromModule = await load({ wasm: await WebAssembly.compile(new Uint8Array(bytes)) });
    using x = fromModule.f64From([2]);
    expect(dot(fromModule, x, x)).toBe(4);
    // A relative string is a path against the working directory in Node (vitest runs from the root).
    const fromPath = await load({ wasm: 'build/release/rnnkit.scalar.wasm' });
    expect(fromPath.simd).toBe(false);
    await expect(load({ wasm: 'no/such/core.wasm' })).rejects.toThrow(/no[/\\]such[/\\]core\.wasm/);
    const notCore = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    await expect(load({ wasm: notCore })).rejects.toThrow(/load: wasm is not an rnnkit core module/);
  });
});
