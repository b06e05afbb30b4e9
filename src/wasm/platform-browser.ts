/**
 * Browser (and bundler) side of the loader's two platform needs: the `default` condition of
 * `#platform` in package.json "imports". Node gets platform-node.ts.
 */

/** file: URLs exist only in Node; a browser page cannot read them. */
export async function readFileUrl(url: URL): Promise<Uint8Array> {
  throw new Error(
    `load: cannot read ${url.href} in this environment (file: URLs need Node); serve the .wasm over http(s) and pass load({ wasmBase })`,
  );
}

/** A relative location as a page means it: against the page's URL (or a worker's). */
export function resolveRelative(source: string): URL {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  if (page === undefined) throw new RangeError(`load: a relative location (${source}) needs a page URL; give an absolute URL`);
  return new URL(source, page);
}
