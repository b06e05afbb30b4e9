/**
 * MatrixMarket exchange format (NIST; scipy.io.mmread/mmwrite): `coordinate` (1-based
 * "row column value" triplets) and `array` (dense, column-major), fields real/integer/pattern,
 * symmetry general/symmetric/skew-symmetric (mirrored entries are expanded). Row = postsynaptic
 * neuron i, column = presynaptic j, as everywhere in rnnkit. Duplicates add up on conversion to CSR.
 */
import type { CsrArrays } from '../linalg/csr.js';
import type { Triplets } from '../linalg/triplets.js';
import {
  GrowingF64, type LineSource, MAX_DIMENSION, MAX_ENTRIES, TripletBuilder, formatWeight, lineError, numberedLines, parseIndex,
  parseWeight, requireDeclaredSize,
} from './text.js';

export type ParsedMatrix =
  | { format: 'coordinate'; triplets: Triplets }
  | { format: 'array'; nRows: number; nCols: number; values: Float64Array };

const I32_MAX = 2 ** 31 - 1;
const FIELDS = ['real', 'integer', 'pattern', 'double'];
const SYMMETRIES = ['general', 'symmetric', 'skew-symmetric'];

/**
 * Parses MatrixMarket text line by line; errors name the line. The size line is checked against
 * what WASM memory can hold before anything is allocated, and storage then grows with the entries
 * read, so a short file that announces a huge matrix fails fast and small.
 */
export async function parseMatrixMarket(source: LineSource, where = 'parseMatrixMarket'): Promise<ParsedMatrix> {
  let header: { format: string; field: string; symmetry: string } | null = null;
  let size: number[] | null = null;
  let builder: TripletBuilder | null = null;
  let dense: GrowingF64 | null = null;
  let denseLength = 0;
  let entries = 0;
  let lastLine = 0;
  for await (const [line, raw] of numberedLines(source, where)) {
    lastLine = line;
    if (header === null) {
      const words = raw.trim().toLowerCase().split(/\s+/);
      if (words[0] !== '%%matrixmarket' || words[1] !== 'matrix' || words.length !== 5) {
        throw lineError(where, line, `expected a header "%%MatrixMarket matrix <coordinate|array> <field> <symmetry>" (got ${JSON.stringify(raw.slice(0, 80))})`);
      }
      const [, , format, field, symmetry] = words;
      if (format !== 'coordinate' && format !== 'array') throw lineError(where, line, `unsupported format '${format}' (coordinate or array)`);
      if (!FIELDS.includes(field) || (format === 'array' && field === 'pattern')) throw lineError(where, line, `unsupported field '${field}'`);
      if (!SYMMETRIES.includes(symmetry)) throw lineError(where, line, `unsupported symmetry '${symmetry}'`);
      header = { format, field, symmetry };
      continue;
    }
    const text = raw.trim();
    if (text === '' || text.startsWith('%')) continue;
    const tokens = text.split(/\s+/);
    if (size === null) {
      const want = header.format === 'coordinate' ? 3 : 2;
      if (tokens.length !== want) throw lineError(where, line, `expected the size line "${want === 3 ? 'rows columns entries' : 'rows columns'}"`);
      size = tokens.map((t, k) => parseIndex(where, line, t, ['rows', 'columns', 'entries'][k], k < 2 ? 1 : 0, I32_MAX));
      if (header.symmetry !== 'general' && size[0] !== size[1]) throw lineError(where, line, `a ${header.symmetry} matrix must be square`);
      requireDeclaredSize(where, line, 'rows', size[0], MAX_DIMENSION);
      requireDeclaredSize(where, line, 'columns', size[1], MAX_DIMENSION);
      if (header.format === 'array') {
        denseLength = size[0] * size[1];
        requireDeclaredSize(where, line, `rows × columns`, denseLength, MAX_ENTRIES);
        dense = new GrowingF64();
      } else {
        const stored = size[2] * (header.symmetry === 'general' ? 1 : 2); // mirrored entries are stored twice
        requireDeclaredSize(where, line, header.symmetry === 'general' ? 'entries' : 'entries (mirrored: 2 × entries)', stored, MAX_ENTRIES);
        builder = new TripletBuilder(Math.min(stored, 1024) || 1);
      }
      continue;
    }
    const [nRows, nCols] = size;
    if (dense !== null) {
      if (tokens.length !== 1) throw lineError(where, line, 'expected one value per line in array format');
      if (entries >= denseLength) throw lineError(where, line, `more than the ${denseLength} values the size line announced`);
      dense.push(parseWeight(where, line, tokens[0]));
      entries++;
      continue;
    }
    const pattern = header.field === 'pattern';
    if (tokens.length !== (pattern ? 2 : 3)) throw lineError(where, line, `expected "${pattern ? 'row column' : 'row column value'}"`);
    if (entries >= size[2]) throw lineError(where, line, `more than the ${size[2]} entries the size line announced`);
    const i = parseIndex(where, line, tokens[0], 'row', 1, nRows) - 1;
    const j = parseIndex(where, line, tokens[1], 'column', 1, nCols) - 1;
    const value = pattern ? 1 : parseWeight(where, line, tokens[2]);
    (builder as TripletBuilder).push(i, j, value);
    if (header.symmetry !== 'general' && i !== j) (builder as TripletBuilder).push(j, i, header.symmetry === 'symmetric' ? value : -value);
    entries++;
  }
  if (header === null) throw lineError(where, lastLine + 1, 'empty input: no MatrixMarket header');
  if (size === null) throw lineError(where, lastLine + 1, 'missing the size line');
  const expected = dense !== null ? denseLength : size[2];
  if (entries !== expected) throw lineError(where, lastLine + 1, `found ${entries} entries, the size line announced ${expected}`);
  return dense !== null
    ? { format: 'array', nRows: size[0], nCols: size[1], values: rowMajorOf(dense.values, size[0], size[1]) }
    : { format: 'coordinate', triplets: (builder as TripletBuilder).finish(size[0], size[1]) };
}

/** Row-major copy of column-major values: entry e is (row e mod nRows, column ⌊e / nRows⌋). */
function rowMajorOf(columnMajor: Float64Array, nRows: number, nCols: number): Float64Array {
  const rowMajor = new Float64Array(nRows * nCols);
  for (let j = 0; j < nCols; j++) for (let i = 0; i < nRows; i++) rowMajor[i * nCols + j] = columnMajor[j * nRows + i];
  return rowMajor;
}

/** MatrixMarket `coordinate real general` lines of a CSR matrix (one entry per line). */
export function* coordinateLines({ nRows, nCols, rowPtr, colIdx, values }: CsrArrays): Generator<string> {
  yield '%%MatrixMarket matrix coordinate real general';
  yield '% written by rnnkit: row = postsynaptic i, column = presynaptic j, value = J_ij';
  yield `${nRows} ${nCols} ${rowPtr[nRows]}`;
  for (let i = 0; i < nRows; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) yield `${i + 1} ${colIdx[k] + 1} ${formatWeight(values[k])}`;
  }
}

/** MatrixMarket `array real general` lines of a dense row-major matrix (values column-major). */
export function* arrayLines(nRows: number, nCols: number, rowMajor: ArrayLike<number>): Generator<string> {
  yield '%%MatrixMarket matrix array real general';
  yield '% written by rnnkit: row = postsynaptic i, column = presynaptic j, value = J_ij';
  yield `${nRows} ${nCols}`;
  for (let j = 0; j < nCols; j++) for (let i = 0; i < nRows; i++) yield formatWeight(rowMajor[i * nCols + j]);
}
