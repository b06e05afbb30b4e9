/**
 * Node-only file helpers (node:fs, node:readline): stream a network file in line by line, or
 * stream a network out. Import from 'rnnkit/io'; the main entry stays free of node: modules.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Network } from '../connectivity/network.js';
import type { CsrMatrix } from '../linalg/csr.js';
import type { DenseMatrix } from '../linalg/dense.js';
import type { Runtime } from '../runtime.js';
import type { CsvOptions } from './csv.js';
import { formatOfPath, networkLines, readNetwork } from './network-io.js';

/** Reads `path` (.mtx or .csv) as it streams; parse errors name the file and line. */
export async function readNetworkFile(rt: Runtime, path: string, options: CsvOptions = {}): Promise<Network> {
  const format = formatOfPath('readNetworkFile', path);
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    return await readNetwork(rt, lines, format, { ...options, name: path });
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Writes the network's matrix to `path` (.mtx or .csv), streaming with backpressure. */
export async function writeNetworkFile(net: Network | CsrMatrix | DenseMatrix, path: string): Promise<void> {
  const format = formatOfPath('writeNetworkFile', path);
  const lines = networkLines(net, format);
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

export * from './index.js';
export * from './spike-files.js';
