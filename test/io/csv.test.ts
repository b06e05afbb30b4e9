import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CsrMatrix, type DenseMatrix, csvEdgeLines, eiNetwork, gaussianNetwork, load, parseCsvEdges, readNetwork, type Runtime,
} from '../../src/index.js';
import { readNetworkFile, writeNetworkFile } from '../../src/io/files.js';

let rt: Runtime;
let dir: string;
beforeAll(async () => {
  rt = await load();
  dir = await mkdtemp(join(tmpdir(), 'rnnkit-csv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('CSV edge lists (post,pre,weight)', () => {
  it('round trip through a file is bit-exact', async () => {
    using net = eiNetwork(rt, { n: 500, k: 40, jitter: 0.5, seed: 'csv' });
    const path = join(dir, 'ei.csv');
    await writeNetworkFile(net, path);
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('post,pre,weight\n')).toBe(true);
    using back = await readNetworkFile(rt, path);
    expect((back.matrix as CsrMatrix).toArrays()).toEqual((net.matrix as CsrMatrix).toArrays());
  });

  it('dense networks export their nonzeros; n can be given for trailing isolated neurons', async () => {
    using net = gaussianNetwork(rt, { n: 20, seed: 'csv-dense' });
    const lines = [...csvEdgeLines({ nRows: 2, nCols: 2, rowPtr: [0, 1, 1], colIdx: [1], values: [-0] })];
    expect(lines).toEqual(['post,pre,weight', '0,1,-0']);
    using back = await readNetwork(rt, (function* () { yield* [...lines, ''] })(), 'csv', { n: 5 });
    expect(back.n).toBe(5);
    const path = join(dir, 'dense.csv');
    await writeNetworkFile(net, path);
    using again = await readNetworkFile(rt, path);
    const dense = (net.matrix as DenseMatrix).toArray();
    const { rowPtr, colIdx, values } = (again.matrix as CsrMatrix).toArrays();
    expect(values.length).toBe(20 * 19);
    for (let i = 0; i < 20; i++) for (let q = rowPtr[i]; q < rowPtr[i + 1]; q++) expect(values[q]).toBe(dense[i * 20 + colIdx[q]]);
  });

  it.each([
    ['pre,post,weight\n0,1,1\n', /line 1: expected the header "post,pre,weight"/],
    ['', /line 1: empty input/],
    ['post,pre,weight\n0,1\n', /line 2: expected 3 fields "post,pre,weight" \(got 2\)/],
    ['post,pre,weight\n0,1,1\n-1,0,2\n', /line 3: post must be an integer in \[0, /],
    ['post,pre,weight\n0,1.5,1\n', /line 2: pre must be an integer/],
    ['post,pre,weight\n0,1,NaN\n', /line 2: weight must be a finite number \(got "NaN"\)/],
    ['post,pre,weight\n', /no edges, and no n given/],
  ])('malformed input %# → error with the line number', async (text, message) => {
    await expect(parseCsvEdges(text)).rejects.toThrow(message);
  });

  it('an index beyond the given n is an error on its line', async () => {
    await expect(parseCsvEdges('post,pre,weight\n0,1,1\n4,0,1\n', { n: 4 })).rejects.toThrow(/line 3: post must be an integer in \[0, 3\] \(got "4"\)/);
  });
});
