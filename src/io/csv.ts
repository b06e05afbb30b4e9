/**
 * CSV edge lists: a header `post,pre,weight`, then one edge per line with 0-based neuron indices
 * (post = postsynaptic i, pre = presynaptic j, weight = J_ij), as pandas/NumPy write them.
 */
import type { CsrArrays } from '../linalg/csr.js';
import type { Triplets } from '../linalg/triplets.js';
import { type LineSource, TripletBuilder, formatWeight, lineError, numberedLines, parseIndex, parseWeight } from './text.js';

export const CSV_HEADER = 'post,pre,weight';
const I32_MAX = 2 ** 31 - 1;

export interface CsvOptions {
  /** Number of neurons (default: largest index + 1). */
  n?: number;
}

export async function parseCsvEdges(source: LineSource, options: CsvOptions = {}, where = 'parseCsvEdges'): Promise<Triplets> {
  const builder = new TripletBuilder();
  let header = false;
  let largest = -1;
  let lastLine = 0;
  const limit = options.n === undefined ? I32_MAX - 1 : options.n - 1;
  for await (const [line, raw] of numberedLines(source)) {
    lastLine = line;
    const text = raw.trim();
    if (text === '') continue;
    const fields = text.split(',').map((f) => f.trim());
    if (!header) {
      if (fields.join(',').toLowerCase() !== CSV_HEADER) {
        throw lineError(where, line, `expected the header "${CSV_HEADER}" (got ${JSON.stringify(text.slice(0, 80))})`);
      }
      header = true;
      continue;
    }
    if (fields.length !== 3) throw lineError(where, line, `expected 3 fields "post,pre,weight" (got ${fields.length})`);
    const post = parseIndex(where, line, fields[0], 'post', 0, limit);
    const pre = parseIndex(where, line, fields[1], 'pre', 0, limit);
    builder.push(post, pre, parseWeight(where, line, fields[2]));
    largest = Math.max(largest, post, pre);
  }
  if (!header) throw lineError(where, lastLine + 1, `empty input: expected the header "${CSV_HEADER}"`);
  const n = options.n ?? largest + 1;
  if (n < 1) throw lineError(where, lastLine + 1, 'no edges, and no n given');
  return builder.finish(n, n);
}

/** CSV lines (header first) of a CSR matrix. */
export function* csvEdgeLines({ nRows, rowPtr, colIdx, values }: CsrArrays): Generator<string> {
  yield CSV_HEADER;
  for (let i = 0; i < nRows; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) yield `${i},${colIdx[k]},${formatWeight(values[k])}`;
  }
}
