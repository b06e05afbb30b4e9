/**
 * Line-oriented text input shared by the file formats: lines come from a string, an iterable, or an
 * async iterable (e.g. node:readline over a file stream), so large files are parsed as they stream.
 */
import type { Triplets } from '../linalg/triplets.js';
import { MAX_BLOCK_BYTES } from '../wasm/arena.js';

export type LineSource = string | Iterable<string> | AsyncIterable<string>;

/** Longest line the readers take: far beyond any MatrixMarket or CSV line, and a bound on memory for a file without newlines. */
export const MAX_LINE_CHARS = 2 ** 20;

/** The error for a line longer than MAX_LINE_CHARS. */
export function longLineError(where: string, line: number): RangeError {
  return lineError(where, line, `longer than ${MAX_LINE_CHARS} characters (not a MatrixMarket or CSV file?)`);
}

/** Yields [lineNumber (1-based), line] pairs. */
export async function* numberedLines(source: LineSource, where = 'input'): AsyncGenerator<[number, string]> {
  // A final newline ends the last line; it does not start another (as node:readline reads files).
  const lines = typeof source === 'string' ? source.split(/\r?\n/) : source;
  if (Array.isArray(lines) && lines.at(-1) === '') lines.pop();
  let number = 0;
  for await (const line of lines) {
    if (line.length > MAX_LINE_CHARS) throw longLineError(where, number + 1);
    yield [++number, line];
  }
}

/** A parse error pointing at a line: `where: line N: message`. */
export function lineError(where: string, line: number, message: string): RangeError {
  return new RangeError(`${where}: line ${line}: ${message}`);
}

/**
 * Largest dimension (rows, columns, neurons) a file may declare: every matrix is used with vectors
 * of that many f64, and one WASM buffer holds at most MAX_BLOCK_BYTES.
 */
export const MAX_DIMENSION = Math.floor(MAX_BLOCK_BYTES / 8);
/** Most entries (edges, dense values) a file may hold: their f64 values must fit one WASM buffer. */
export const MAX_ENTRIES = Math.floor(MAX_BLOCK_BYTES / 8);

/**
 * Refuses a declared size beyond what WASM memory can hold, before anything is allocated for it.
 * `what` names the quantity (`rows`, `rows × columns`), `count` is how many f64 it needs.
 */
export function requireDeclaredSize(where: string, line: number, what: string, count: number, limit: number): void {
  if (count > limit) {
    throw lineError(where, line, `${what} = ${count} exceeds ${limit}, the most WASM memory can hold ` +
      `(${count} f64 need ${(count * 8 / 2 ** 30).toFixed(1)} GiB; one WASM buffer holds ${(MAX_BLOCK_BYTES / 2 ** 30).toFixed(1)} GiB)`);
  }
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** An integer token in [min, max]. */
export function parseIndex(where: string, line: number, token: string, what: string, min: number, max: number): number {
  const value = INTEGER.test(token) ? Number(token) : NaN;
  if (!(value >= min && value <= max)) {
    throw lineError(where, line, `${what} must be an integer in [${min}, ${max}] (got ${JSON.stringify(token)})`);
  }
  return value;
}

/** A finite decimal number token (no hex, no Infinity/NaN). */
export function parseWeight(where: string, line: number, token: string): number {
  const value = DECIMAL.test(token) ? Number(token) : NaN;
  if (!Number.isFinite(value)) throw lineError(where, line, `weight must be a finite number (got ${JSON.stringify(token)})`);
  return value;
}

/** Shortest text that reads back as the same double (String(x) round-trips; -0 keeps its sign). */
export function formatWeight(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * Values that grow as a file streams in (capacity doubles), so that memory follows the entries
 * actually read, not what a header announces.
 */
export class GrowingF64 {
  values = new Float64Array(1024);
  count = 0;

  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(2 * this.count);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = value;
  }
}

/** Triplets that grow as a file streams in (capacity doubles). */
export class TripletBuilder {
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
  count = 0;

  constructor(capacity = 1024) {
    this.rows = new Int32Array(capacity);
    this.cols = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push(row: number, col: number, value: number): void {
    if (this.count === this.rows.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(2 * a.length);
        b.set(a);
        return b;
      };
      [this.rows, this.cols, this.values] = [grow(this.rows), grow(this.cols), grow(this.values)];
    }
    this.rows[this.count] = row;
    this.cols[this.count] = col;
    this.values[this.count++] = value;
  }

  finish(nRows: number, nCols: number): Triplets {
    const n = this.count;
    return { nRows, nCols, rows: this.rows.subarray(0, n), cols: this.cols.subarray(0, n), values: this.values.subarray(0, n) };
  }
}
