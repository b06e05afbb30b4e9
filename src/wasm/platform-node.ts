/**
 * Node side of the loader's two platform needs (package.json "imports" maps `#platform` here under
 * the `node` condition; browsers and bundlers get platform-browser.ts, which has no node: import).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The bytes of a file: URL. */
export async function readFileUrl(url: URL): Promise<Uint8Array> {
  return new Uint8Array(await readFile(url));
}

/** A relative location as a user of Node means it: a file path against the working directory. */
export function resolveRelative(source: string): URL {
  return pathToFileURL(resolve(source));
}
