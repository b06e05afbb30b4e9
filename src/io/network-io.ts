/**
 * Networks to and from the file formats, without touching the file system (works in browsers):
 * parse from any line source, format as a line generator.
 */
import { Network } from '../connectivity/network.js';
import { csrArraysOfDense, type CsrMatrix } from '../linalg/csr.js';
import { DenseMatrix } from '../linalg/dense.js';
import { DenseMatrixF32 } from '../linalg/f32.js';
import { csrFromTriplets } from '../linalg/triplets.js';
import type { Runtime } from '../runtime.js';
import { requireOneOf } from '../validate.js';
import { type CsvOptions, csvEdgeLines, parseCsvEdges } from './csv.js';
import { arrayLines, coordinateLines, type ParsedMatrix, parseMatrixMarket } from './matrix-market.js';
import type { LineSource } from './text.js';

export type FileFormat = 'mtx' | 'csv';
export const FILE_FORMATS: readonly FileFormat[] = ['mtx', 'csv'];

/** The format of a file name: `.mtx` (MatrixMarket) or `.csv` (edge list). */
export function formatOfPath(where: string, path: string): FileFormat {
  const extension = path.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return requireOneOf(where, 'file extension', extension ?? '', FILE_FORMATS);
}

/** A network (model 'file') from parsed data; square matrices only. */
export function networkFromParsed(rt: Runtime, parsed: ParsedMatrix, source: string): Network {
  const [nRows, nCols] = parsed.format === 'array' ? [parsed.nRows, parsed.nCols] : [parsed.triplets.nRows, parsed.triplets.nCols];
  if (nRows !== nCols) throw new RangeError(`${source}: a connectivity matrix must be square (got ${nRows}×${nCols})`);
  const matrix = parsed.format === 'array' ? rt.dense(nRows, nCols, parsed.values) : rt.csr(csrFromTriplets(parsed.triplets));
  return new Network({ rt, model: 'file', n: nRows, seed: null, params: { source, format: parsed.format }, matrix });
}

/** Reads a network from MatrixMarket or CSV lines. */
export async function readNetwork(rt: Runtime, source: LineSource, format: FileFormat, options: CsvOptions & { name?: string } = {}): Promise<Network> {
  const name = options.name ?? 'readNetwork';
  const parsed: ParsedMatrix = requireOneOf('readNetwork', 'format', format, FILE_FORMATS) === 'mtx'
    ? await parseMatrixMarket(source, name)
    : { format: 'coordinate', triplets: await parseCsvEdges(source, { n: options.n }, name) };
  return networkFromParsed(rt, parsed, name);
}

/**
 * The lines of a network's matrix in `format`: dense matrices as MatrixMarket `array` (every
 * entry), or CSV of their nonzeros; CSR matrices as `coordinate` or CSV.
 */
export function networkLines(net: Network | CsrMatrix | DenseMatrix, format: FileFormat): Generator<string> {
  const matrix = net instanceof Network ? net.matrix : net;
  if (matrix === null) throw new Error('networkLines: the network has no materialised matrix (random-mode with dense: false)');
  requireOneOf('networkLines', 'format', format, FILE_FORMATS);
  if (matrix instanceof DenseMatrix || matrix instanceof DenseMatrixF32) {
    const values = matrix.toArray();
    return format === 'mtx' ? arrayLines(matrix.nRows, matrix.nCols, values) : csvEdgeLines(csrArraysOfDense(matrix.nRows, matrix.nCols, values));
  }
  const arrays = matrix.toArrays();
  return format === 'mtx' ? coordinateLines(arrays) : csvEdgeLines(arrays);
}
