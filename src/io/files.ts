/// <reference lib="esnext.disposable" preserve="true" />
/**
 * Node-only file helpers (node:fs, node:readline): stream a network file in line by line, or
 * stream a network out. Import from 'rnnkit/io'; the main entry stays free of node: modules.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Network } from '../connectivity/network.js';
import type { CsrMatrix } from '../linalg/csr.js';
import type { DenseMatrix } from '../linalg/dense.js';
import type { Runtime } from '../runtime.js';
import type { CsvOptions } from './csv.js';
import { formatOfPath, networkLines, readNetwork } from './network-io.js';
import { MAX_LINE_CHARS, longLineError } from './text.js';
import { type ParsedRecording, parseRecording, type RecordingMeta, recordingLines } from './recording.js';

/**
 * The lines of a text file as it streams (LF or CRLF endings). Unlike node:readline, a line that
 * grows past MAX_LINE_CHARS stops the read at once, so a file without newlines cannot fill memory.
 */
export async function* fileLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 2 ** 16 });
  let pending = '';
  let line = 0;
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      pending += chunk;
      let start = 0;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        line++;
        yield pending.slice(start, end > start && pending[end - 1] === '\r' ? end - 1 : end);
        start = end + 1;
      }
      pending = pending.slice(start);
      if (pending.length > MAX_LINE_CHARS) throw longLineError(path, line + 1);
    }
    if (pending !== '') yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
  } finally {
    input.destroy();
  }
}

/** Reads `path` (.mtx or .csv) as it streams; parse errors name the file and line. */
export async function readNetworkFile(rt: Runtime, path: string, options: CsvOptions = {}): Promise<Network> {
  const format = formatOfPath('readNetworkFile', path);
  return readNetwork(rt, fileLines(path), format, { ...options, name: path });
}

/** Writes the network's matrix to `path` (.mtx or .csv), streaming with backpressure. */
export async function writeNetworkFile(net: Network | CsrMatrix | DenseMatrix, path: string): Promise<void> {
  const format = formatOfPath('writeNetworkFile', path);
  await writeLines(path, networkLines(net, format));
}

/** Streams `lines` (newline-terminated, in chunks of 4096) into `path` with backpressure. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  async function* chunks(): AsyncGenerator<string> {
    let chunk: string[] = [];
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length === 4096) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
}

/**
 * Makes sure `dir` exists and takes new files, before any long work that would write there: missing
 * levels are created one by one (Node's `mkdir({ recursive: true })` loops forever under /proc),
 * then a probe file is written and removed. Errors name `where` and the path.
 */
export async function ensureWritableDirectory(where: string, dir: string): Promise<void> {
  const missing: string[] = [];
  for (let path = resolve(dir); ; path = dirname(path)) {
    const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && dirname(path) !== path) return null;
      throw new RangeError(`${where}: cannot use ${dir}: ${error.message}`);
    });
    if (found === null) {
      missing.unshift(path);
      continue;
    }
    if (!found.isDirectory()) throw new RangeError(`${where}: cannot use ${dir}: ${path} is not a directory`);
    break;
  }
  for (const path of missing) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw new RangeError(`${where}: cannot create ${path}: ${error.message}`);
    });
  }
  const probe = join(dir, `.rnnkit-write-probe-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw new RangeError(`${where}: cannot write in ${dir}: ${(error as Error).message}`);
  }
}

export * from './index.js';
export * from './spike-files.js';

/** Writes a rate recording (io/recording.ts format) to `path`, streaming with backpressure. */
export async function writeRecordingFile(path: string, meta: RecordingMeta, values: Float64Array, times: Float64Array): Promise<void> {
  await writeLines(path, recordingLines(meta, values, times));
}

/** Reads a rate recording file; errors name the file and line. */
export async function readRecordingFile(path: string): Promise<ParsedRecording> {
  return parseRecording(fileLines(path), path);
}
