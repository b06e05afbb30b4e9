import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CsrMatrix, type DenseMatrix, coordinateLines, gaussianNetwork, load, lognormalNetwork, networkFromParsed,
  networkLines, parseMatrixMarket, type Runtime,
} from '../../src/index.js';
import { readNetworkFile, writeNetworkFile } from '../../src/io/files.js';

let rt: Runtime;
let dir: string;
beforeAll(async () => {
  rt = await load();
  dir = await mkdtemp(join(tmpdir(), 'rnnkit-mtx-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Doubles whose shortest decimal form is long or special: all must come back bit for bit. */
const AWKWARD = [-0, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, -1 / 3, 2 ** -1074 * 3, 123456789.12345679, 1e21, 1e-7];

describe('MatrixMarket', () => {
  it('coordinate round trip is bit-exact (CSR arrays equal), including awkward doubles and -0', async () => {
    using net = lognormalNetwork(rt, { n: 300, k: 12, cv: 1, eta: 0.5, seed: 'mtx' });
    const arrays = (net.matrix as CsrMatrix).toArrays();
    arrays.values.set(AWKWARD);
    const text = [...coordinateLines(arrays)].join('\n');
    using back = networkFromParsed(rt, await parseMatrixMarket(text), 'text');
    const got = (back.matrix as CsrMatrix).toArrays();
    expect(got).toEqual(arrays);
    expect(Object.is(got.values[0], -0)).toBe(true);
  });

  it('array round trip (dense, column-major on disk) is bit-exact through a file', async () => {
    using net = gaussianNetwork(rt, { n: 40, eta: 0.3, selfCoupling: true, seed: 'mtx-dense' });
    const path = join(dir, 'dense.mtx');
    await writeNetworkFile(net, path);
    expect((await readFile(path, 'utf8')).split('\n')[0]).toBe('%%MatrixMarket matrix array real general');
    using back = await readNetworkFile(rt, path);
    expect((back.matrix as DenseMatrix).toArray()).toEqual((net.matrix as DenseMatrix).toArray());
  });

  it('a larger sparse network streams out and back in (4·10⁵ edges)', async () => {
    using net = lognormalNetwork(rt, { n: 20_000, k: 20, cv: 0.5, seed: 'big' });
    const path = join(dir, 'big.mtx');
    await writeNetworkFile(net, path);
    using back = await readNetworkFile(rt, path);
    expect((back.matrix as CsrMatrix).toArrays()).toEqual((net.matrix as CsrMatrix).toArrays());
  });

  it('reads scipy conventions: array is column-major, symmetric/skew/pattern expand, duplicates add, CRLF and comments', async () => {
    const array = await parseMatrixMarket('%%MatrixMarket matrix array real general\n% c\n2 3\n1\n2\n3\n4\n5\n6\n');
    expect(array).toEqual({ format: 'array', nRows: 2, nCols: 3, values: Float64Array.from([1, 3, 5, 2, 4, 6]) });
    const sym = await parseMatrixMarket('%%MatrixMarket matrix coordinate real symmetric\r\n2 2 2\r\n2 1 7\r\n1 1 1\r\n');
    if (sym.format !== 'coordinate') throw new Error('coordinate expected');
    expect(Array.from(sym.triplets.rows)).toEqual([1, 0, 0]);
    expect(Array.from(sym.triplets.cols)).toEqual([0, 1, 0]);
    expect(Array.from(sym.triplets.values)).toEqual([7, 7, 1]);
    const skew = await parseMatrixMarket('%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 3\n');
    if (skew.format !== 'coordinate') throw new Error('coordinate expected');
    expect(Array.from(skew.triplets.values)).toEqual([3, -3]);
    const pattern = await parseMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n2 2 3\n1 2\n2 1\n1 2\n');
    using dup = networkFromParsed(rt, pattern, 'pattern');
    expect((dup.matrix as CsrMatrix).toArrays()).toEqual({
      nRows: 2, nCols: 2, rowPtr: Int32Array.from([0, 1, 2]), colIdx: Int32Array.from([1, 0]), values: Float64Array.from([2, 1]),
    });
  });

  it.each([
    ['', /line 1: empty input: no MatrixMarket header/],
    ['%%MatrixMarket matrix coordinate complex general\n1 1 0\n', /line 1: unsupported field 'complex'/],
    ['%MatrixMarket matrix coordinate real general\n', /line 1: expected a header/],
    ['%%MatrixMarket matrix coordinate real general\n2 2\n', /line 2: expected the size line "rows columns entries"/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2\n', /line 3: expected "row column value"/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n', /line 3: row must be an integer in \[1, 2\] \(got "3"\)/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 0 1.0\n', /line 3: column must be an integer in \[1, 2\]/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 abc\n', /line 3: weight must be a finite number \(got "abc"\)/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 0x10\n', /line 3: weight must be a finite number/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 Infinity\n', /line 3: weight must be a finite number/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n', /line 4: more than the 1 entries/],
    ['%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n\n', /line 5: found 1 entries, the size line announced 3/],
    ['%%MatrixMarket matrix array real general\n1 2\n1\n2\n3\n', /line 5: more than the 2 values/],
    ['%%MatrixMarket matrix coordinate real symmetric\n2 3 0\n', /line 2: a symmetric matrix must be square/],
  ])('malformed input %# → error with the line number', async (text, message) => {
    await expect(parseMatrixMarket(text)).rejects.toThrow(message);
    await expect(parseMatrixMarket(text)).rejects.toThrow(RangeError);
  });

  it('file errors name the file and line; wrong extensions and non-square matrices are rejected', async () => {
    const path = join(dir, 'broken.mtx');
    await writeFile(path, '%%MatrixMarket matrix coordinate real general\n3 3 2\n1 1 1\n1 x 2\n');
    await expect(readNetworkFile(rt, path)).rejects.toThrow(`${path}: line 4: column must be an integer in [1, 3] (got "x")`);
    await expect(readNetworkFile(rt, join(dir, 'net.txt'))).rejects.toThrow(/file extension must be one of 'mtx', 'csv'/);
    const rect = join(dir, 'rect.mtx');
    await writeFile(rect, '%%MatrixMarket matrix coordinate real general\n2 3 1\n1 3 1\n');
    await expect(readNetworkFile(rt, rect)).rejects.toThrow(/must be square \(got 2×3\)/);
    using net = gaussianNetwork(rt, { n: 3, seed: 1 });
    expect([...networkLines(net, 'mtx')].length).toBe(3 + 9);
  });
});
