/**
 * CSV edge lists: a header `post,pre,weight`, then one edge per line with 0-based neuron indices
 * (post = postsynaptic i, pre = presynaptic j, weight = J_ij), as pandas/NumPy write them.
 */
import type { CsrArrays } from '../linalg/csr.js';
import type { Triplets } from '../linalg/triplets.js';
import { requireInt } from '../validate.js';
import {
  type LineSource, MAX_DIMENSION, MAX_ENTRIES, TripletBuilder, formatWeight, lineError, numberedLines, parseIndex, parseWeight,
  requireDeclaredSize,
} from './text.js';

export const CSV_HEADER = 'post,pre,weight';

export interface CsvOptions {
  /** Number of neurons (default: largest index + 1). */
  n?: number;
}

/**
 * Parses an edge list line by line; errors name the line. A CSV declares no size, but each index
 * implies one (n > index): it is checked against what WASM memory can hold at the line it appears.
 */
export async function parseCsvEdges(source: LineSource, options: CsvOptions = {}, where = 'parseCsvEdges'): Promise<Triplets> {
  const builder = new TripletBuilder();
  let header = false;
  let largest = -1;
  let lastLine = 0;
  if (options.n !== undefined) requireInt(where, 'n', options.n, 1, MAX_DIMENSION);
  const limit = options.n === undefined ? 2 ** 31 - 2 : options.n - 1;
  for await (const [line, raw] of numberedLines(source, where)) {
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
    requireDeclaredSize(where, line, `n (${post > pre ? 'post' : 'pre'} + 1)`, Math.max(post, pre) + 1, MAX_DIMENSION);
    requireDeclaredSize(where, line, 'edges', builder.count + 1, MAX_ENTRIES);
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
