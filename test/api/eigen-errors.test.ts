/** Bad input to the eigen API: clear RangeError/TypeError naming the parameter, never a WASM trap. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callbackOperator, eigDense, eigs, eigsh, eigSymTridiagonal, type F64Buffer, jacobianOperator, type LinearOperator, load,
  type Runtime, symmetricPartOperator,
} from '../../src/index.js';

describe('eigen API errors', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  /** Runs fn and returns its error, checking it is not a WebAssembly trap. */
  function errorOf(fn: () => unknown): Error {
    try {
      fn();
    } catch (error) {
      expect(error).not.toBeInstanceOf(WebAssembly.RuntimeError);
      return error as Error;
    }
    throw new Error('expected an error');
  }

  it('k out of range: k ≥ n − 1 for Arnoldi, k ≥ n for Lanczos, k < 1, non-integers', () => {
    using a = rt.dense(10, 10, new Float64Array(100).fill(1));
    expect(errorOf(() => eigs(rt, a, { k: 9 })).message).toMatch(/eigs: k must be an integer in \[1, 8\] \(n − 2 for Arnoldi; got 9\)/);
    expect(errorOf(() => eigs(rt, a, { k: 10 }))).toBeInstanceOf(RangeError);
    expect(errorOf(() => eigsh(rt, a, { k: 10 })).message).toMatch(/eigsh: k must be an integer in \[1, 9\]/);
    expect(errorOf(() => eigs(rt, a, { k: 0 })).message).toMatch(/k must be/);
    expect(errorOf(() => eigs(rt, a, { k: 2.5 })).message).toMatch(/k must be/);
    using tiny = rt.dense(2, 2, [1, 2, 3, 4]);
    expect(errorOf(() => eigs(rt, tiny)).message).toMatch(/eigs: the operator has n = 2, too small for Arnoldi \(needs n ≥ 3\); use eigDense/);
    using one = rt.dense(1, 1, [1]);
    expect(errorOf(() => eigsh(rt, one)).message).toMatch(/eigsh: the operator has n = 1, too small for Lanczos \(needs n ≥ 2\)/);
  });

  it('unknown which, ncv out of range, bad tol/maxRestarts/vectors', () => {
    using a = rt.dense(30, 30, new Float64Array(900).fill(0.5));
    expect(errorOf(() => eigs(rt, a, { which: 'LA' as never })).message).toMatch(/eigs: which must be one of 'LM', 'LR', 'SR', 'LI', 'SI' \(got "LA"\)/);
    expect(errorOf(() => eigsh(rt, a, { which: 'LR' as never })).message).toMatch(/eigsh: which must be one of 'LA', 'SA', 'LM', 'BE'/);
    expect(errorOf(() => eigs(rt, a, { k: 5, ncv: 6 })).message).toMatch(/eigs: ncv must be an integer in \[7, 30\] \(got 6\)/);
    expect(errorOf(() => eigs(rt, a, { k: 5, ncv: 31 })).message).toMatch(/ncv must be an integer in \[7, 30\]/);
    expect(errorOf(() => eigsh(rt, a, { k: 5, ncv: 5 })).message).toMatch(/eigsh: ncv must be an integer in \[6, 30\]/);
    expect(errorOf(() => eigs(rt, a, { tol: -1 })).message).toMatch(/tol must be ≥ 0/);
    expect(errorOf(() => eigs(rt, a, { tol: Number.NaN })).message).toMatch(/tol must be a finite number/);
    expect(errorOf(() => eigs(rt, a, { maxRestarts: -1 })).message).toMatch(/maxRestarts must be an integer ≥ 0/);
    expect(errorOf(() => eigs(rt, a, { vectors: 'yes' as never }))).toBeInstanceOf(TypeError);
    expect(errorOf(() => eigDense(rt, a, { which: 'XX' as never })).message).toMatch(/eigDense: which must be one of/);
  });

  it('non-square matrices and operators', () => {
    using rect = rt.dense(3, 4);
    expect(errorOf(() => eigs(rt, rect)).message).toMatch(/eigs: operator must be square \(got 3×4\)/);
    expect(errorOf(() => eigDense(rt, rect)).message).toMatch(/eigDense: matrix must be square \(got 3×4\)/);
    expect(errorOf(() => eigDense(rt, { n: 3, values: new Float64Array(8) })).message).toMatch(/must be square: values has 8 entries, expected n² = 9/);
    expect(errorOf(() => jacobianOperator(rt, rect, [0, 0, 0])).message).toMatch(/jacobianOperator: connectivity must be square/);
    expect(errorOf(() => symmetricPartOperator(rt, rect)).message).toMatch(/symmetricPartOperator: matrix must be square/);
    expect(errorOf(() => eigs(rt, {} as LinearOperator))).toBeInstanceOf(TypeError);
  });

  it('NaN entries: in matrices, dense input, tridiagonals, states, callbacks and operator outputs', () => {
    expect(errorOf(() => rt.dense(2, 2, [1, Number.NaN, 0, 1])).message).toMatch(/values\[1\] must be a finite number \(got NaN\)/);
    expect(errorOf(() => eigDense(rt, { n: 2, values: [1, 2, Number.NaN, 4] })).message).toMatch(/eigDense: matrix.values\[2\] must be a finite number/);
    expect(errorOf(() => eigSymTridiagonal(rt, [1, Number.NaN], [0])).message).toMatch(/eigSymTridiagonal: diagonal\[1\]/);
    expect(errorOf(() => eigSymTridiagonal(rt, [1, 2], [0, 1])).message).toMatch(/offDiagonal has length 2, expected diagonal.length − 1 = 1/);
    using a = rt.dense(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(errorOf(() => jacobianOperator(rt, a, [0, Number.NaN, 0])).message).toMatch(/jacobianOperator: state\[1\] must be a finite number/);
    expect(errorOf(() => jacobianOperator(rt, a, [0, 0])).message).toMatch(/state has length 2, expected n = 3/);
    expect(errorOf(() => jacobianOperator(rt, a, [0, 0, 0], 'softplus' as never)).message).toMatch(/jacobianOperator: nonlinearity must be one of 'tanh'/);
    using nanCallback = callbackOperator(rt, 5, (x) => x.map(() => Number.NaN));
    expect(errorOf(() => eigs(rt, nanCallback, { k: 2 })).message).toMatch(/CallbackOperator.multiply: the callback result\[0\] must be a finite number/);
    using shortCallback = callbackOperator(rt, 5, (x) => x.subarray(1));
    expect(errorOf(() => eigs(rt, shortCallback, { k: 2 })).message).toMatch(/returned 4 values, expected n = 5/);
    // A hand-written operator that writes NaN straight into WASM memory is caught by the solver.
    const rogue: LinearOperator = { nRows: 5, nCols: 5, multiply: (_x: F64Buffer, y?: F64Buffer) => y!.fill(0).view().fill(Number.NaN) && y! };
    expect(errorOf(() => eigs(rt, rogue, { k: 2 })).message).toMatch(/eigs: the operator returned non-finite values/);
  });

  it('disposed operators and transposes that do not exist', () => {
    const a = rt.dense(4, 4, new Float64Array(16).fill(1));
    const s = symmetricPartOperator(rt, a);
    s.dispose();
    expect(errorOf(() => eigsh(rt, s, { k: 1 })).message).toMatch(/SymmetricPartOperator.multiply: operator used after dispose\(\)/);
    a.dispose();
    expect(errorOf(() => eigs(rt, a, { k: 1 })).message).toMatch(/used after dispose/);
    const noTranspose = { nRows: 3, nCols: 3, multiply: (x: F64Buffer) => x };
    expect(errorOf(() => symmetricPartOperator(rt, noTranspose as never))).toBeInstanceOf(TypeError);
    expect(errorOf(() => callbackOperator(rt, 0, (x) => x)).message).toMatch(/callbackOperator: n must be an integer ≥ 1/);
  });

  it('solvers free every WASM buffer they allocate, also when the operator throws', () => {
    using a = rt.dense(30, 30, new Float64Array(900).map((_, i) => Math.sin(i)));
    const sym = symmetricPartOperator(rt, a);
    const live = rt.arena.liveHandles;
    eigsh(rt, sym, { k: 3, vectors: true });
    eigs(rt, a, { k: 3, vectors: true });
    eigDense(rt, a, { vectors: true });
    eigSymTridiagonal(rt, [1, 2, 3], [1, 1], { vectors: true });
    using failing = callbackOperator(rt, 30, () => { throw new Error('user callback failed'); });
    expect(errorOf(() => eigs(rt, failing, { k: 2 })).message).toBe('user callback failed');
    expect(rt.arena.liveHandles).toBe(live);
    sym.dispose();
  });
});
