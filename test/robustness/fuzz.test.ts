/**
 * Property-based fuzzing (fast-check, fixed seeds, so CI is deterministic) of the file readers and
 * of `rt.csr` validation: random byte mutations of valid files and random CSR arrays never hang,
 * never trap, fail only with a RangeError/TypeError that names the file and line (or `rt.csr`), and
 * allocate no more than the declared-size check lets the input ask for.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CsrMatrix, load, parseCsvEdges, parseMatrixMarket, readNetwork, type Runtime } from '../../src/index.js';

const VALID_MTX = [
  '%%MatrixMarket matrix coordinate real general\n% a comment\n5 5 6\n1 2 0.5\n2 1 -1.25\n3 3 2e-3\n4 5 7\n5 4 -0\n5 1 3\n',
  '%%MatrixMarket matrix coordinate real symmetric\n4 4 3\n1 1 1\n2 1 0.5\n4 3 -2\n',
  '%%MatrixMarket matrix coordinate pattern general\n3 3 2\n1 2\n3 1\n',
  '%%MatrixMarket matrix array real general\n3 3\n1\n2\n3\n4\n5\n6\n7\n8\n9\n',
];
const VALID_CSV = ['post,pre,weight\n0,1,0.5\n1,0,-1\n2,2,3e-2\n3,1,4\n', 'post,pre,weight\r\n0,3,1\r\n3,0,-1\r\n'];

/** Bytes a mutation inserts: mostly the characters these formats are made of, sometimes anything. */
const BYTE = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'0123456789 \n,.-+eE%'.split('').map((c) => c.charCodeAt(0))) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const MUTATION = fc.record({ op: fc.constantFrom('replace', 'insert', 'delete'), at: fc.nat(), byte: BYTE });

/** Applies up to a few byte mutations to `text` (read back as latin1, so any byte is a character). */
function mutate(text: string, mutations: { op: string; at: number; byte: number }[]): string {
  const bytes = Array.from(Buffer.from(text, 'latin1'));
  for (const { op, at, byte } of mutations) {
    const i = at % (bytes.length + 1);
    if (op === 'insert') bytes.splice(i, 0, byte);
    else if (op === 'delete') bytes.splice(i, 1);
    else bytes[Math.min(i, bytes.length - 1)] = byte;
  }
  return Buffer.from(bytes).toString('latin1');
}

/** A refused file: a RangeError of the form `name: line N: …`. */
function expectLineError(error: unknown, name: string): void {
  expect(error).toBeInstanceOf(RangeError);
  expect((error as Error).message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: line \\d+: `));
}

/** Parsing a file this short may allocate growing storage for what it holds, never for what it announces. */
const parseBytesAllowed = (text: string) => 2 ** 20 + 64 * text.length;
const PARSE_MS = 1000;

async function parseBounded(parse: () => Promise<unknown>, text: string, name: string): Promise<void> {
  const before = process.memoryUsage().arrayBuffers;
  const started = performance.now();
  try {
    await parse();
  } catch (error) {
    expectLineError(error, name);
  }
  expect(performance.now() - started).toBeLessThan(PARSE_MS);
  expect(process.memoryUsage().arrayBuffers - before).toBeLessThanOrEqual(parseBytesAllowed(text));
}

describe('fuzzed file readers', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('MatrixMarket: mutated files parse or fail with a line error, fast and small', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...VALID_MTX), fc.array(MUTATION, { minLength: 1, maxLength: 4 }), async (valid, mutations) => {
      const text = mutate(valid, mutations);
      await parseBounded(() => parseMatrixMarket(text, 'fuzz.mtx'), text, 'fuzz.mtx');
    }), { seed: 19_001, numRuns: 400 });
  });

  it('CSV: mutated files parse or fail with a line error, fast and small', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...VALID_CSV), fc.array(MUTATION, { minLength: 1, maxLength: 4 }), async (valid, mutations) => {
      const text = mutate(valid, mutations);
      await parseBounded(() => parseCsvEdges(text, {}, 'fuzz.csv'), text, 'fuzz.csv');
    }), { seed: 19_002, numRuns: 400 });
  });

  it('readNetwork (parse, then CSR or dense in WASM): no trap, and WASM memory within what the sizes declare', async () => {
    const files = [...VALID_MTX.map((t) => ['mtx', t] as const), ...VALID_CSV.map((t) => ['csv', t] as const)];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...files), fc.array(MUTATION, { minLength: 1, maxLength: 3 }), async ([format, valid], mutations) => {
      const text = mutate(valid, mutations);
      const before = rt.memoryBytes;
      let net: Awaited<ReturnType<typeof readNetwork>> | undefined;
      try {
        net = await readNetwork(rt, text, format, { name: `fuzz.${format}` });
      } catch (error) {
        expect(error).not.toBeInstanceOf(WebAssembly.RuntimeError);
        expect(error instanceof RangeError || error instanceof TypeError).toBe(true);
        expect((error as Error).message).toMatch(new RegExp(`^fuzz\\.${format}: `));
        return;
      }
      try {
        // What the accepted sizes allow: rowPtr (n + 1) i32, nnz × (i32 + f64) for CSR, n² f64 dense;
        // TLSF may round each block up and keep one growth step (64 KiB pages) in reserve.
        const matrix = net.matrix as CsrMatrix;
        const declared = 'nnz' in matrix ? (net.n + 1) * 4 + matrix.nnz * 12 : net.n * net.n * 8;
        expect(rt.memoryBytes - before).toBeLessThanOrEqual(2 * declared + 2 ** 20);
      } finally {
        net.dispose();
      }
    }), { seed: 19_003, numRuns: 300 });
  });
});

describe('fuzzed rt.csr validation', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  /** A valid CSR (each row a set of distinct columns, in random order), then 0–2 corruptions. */
  const csrCase = fc.record({
    nRows: fc.integer({ min: 1, max: 6 }), nCols: fc.integer({ min: 1, max: 6 }), seedRows: fc.array(fc.array(fc.nat(), { maxLength: 5 }), { minLength: 6, maxLength: 6 }),
    corruptions: fc.array(fc.record({
      field: fc.constantFrom('rowPtr', 'colIdx', 'values', 'nRows', 'nCols'), at: fc.nat(),
      value: fc.constantFrom(-1, 0, 1, 3, 7, 2 ** 31, 0.5, Number.NaN, Infinity, '1' as unknown as number),
      truncate: fc.boolean(),
    }), { maxLength: 2 }),
  });

  it('valid and corrupted arrays: refused with a message naming rt.csr, or a matrix whose products match a dense reference', () => {
    const counts = { accepted: 0, refused: 0 };
    fc.assert(fc.property(csrCase, ({ nRows, nCols, seedRows, corruptions }) => {
      const rowPtr = [0];
      const colIdx: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < nRows; i++) {
        for (const c of new Set(seedRows[i].map((v) => v % nCols))) {
          colIdx.push(c);
          values.push((c + 1) * (i % 2 === 0 ? 1 : -0.5));
        }
        rowPtr.push(colIdx.length);
      }
      const arrays = { nRows, nCols, rowPtr, colIdx, values } as Record<string, unknown> & { rowPtr: number[]; colIdx: number[]; values: number[] };
      for (const { field, at, value, truncate } of corruptions) {
        if (field === 'nRows' || field === 'nCols') arrays[field] = value;
        else if (truncate) arrays[field].pop();
        else if (arrays[field].length > 0) arrays[field][at % arrays[field].length] = value;
      }
      let matrix: CsrMatrix;
      try {
        matrix = rt.csr(arrays as never);
      } catch (error) {
        counts.refused++;
        expect(error instanceof RangeError || error instanceof TypeError).toBe(true);
        expect((error as Error).message).toMatch(/^rt\.csr: /);
        return;
      }
      counts.accepted++;
      using _ = matrix;
      // Accepted: each (row, column) is stored once, so A·e_j equals column j of the dense matrix exactly.
      for (let j = 0; j < matrix.nCols; j++) {
        using x = rt.f64From(Array.from({ length: matrix.nCols }, (_, k) => (k === j ? 1 : 0)));
        using y = matrix.multiply(x);
        const expected = new Float64Array(matrix.nRows);
        for (let i = 0; i < matrix.nRows; i++) for (let k = arrays.rowPtr[i]; k < arrays.rowPtr[i + 1]; k++) if (arrays.colIdx[k] === j) expected[i] += arrays.values[k];
        expect(y.toArray()).toEqual(expected);
      }
    }), { seed: 19_004, numRuns: 2000 });
    // Both outcomes are exercised (valid arrays and, after a corruption, mostly refused ones).
    expect(counts.accepted).toBeGreaterThan(200);
    expect(counts.refused).toBeGreaterThan(200);
  });
});
