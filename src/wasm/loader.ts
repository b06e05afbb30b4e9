/**
 * Loads the WASM core in Node and in browsers. Compiled modules are cached per binary, so each
 * `instantiateCore` call gives a fresh, independent instance (own memory) cheaply.
 */
import { instantiate } from '@assemblyscript/loader';
import type { CoreExports } from './abi.js';

/** `release`: -O3, no asserts (default). `debug`: asserts and bounds checks on, for tests. */
export type BuildName = 'release' | 'debug';

/** Where the module comes from: bytes, a compiled module, a URL (or its string), or a fetch Response. */
export type WasmSource = BufferSource | WebAssembly.Module | URL | string | Response;

export interface LoadOptions {
  /** Which binary to load from the package (ignored when `wasm` is given). Default 'release'. */
  build?: BuildName;
  /** Use the SIMD binary: true, false, or 'auto' (SIMD when the engine validates it). Default 'auto'. */
  simd?: boolean | 'auto';
  /**
   * Load this module instead of the packaged one: bytes, a WebAssembly.Module, a Response, a URL,
   * or a string (an absolute URL, else a path relative to the page in browsers or to the working
   * directory in Node).
   */
  wasm?: WasmSource;
}

export interface LoadedCore {
  readonly exports: CoreExports;
  readonly simd: boolean;
  readonly build: BuildName | 'custom';
}

// Literal `new URL(…, import.meta.url)` expressions, so that bundlers (Vite, webpack, esbuild
// plugins) see and copy the assets. Both src/wasm and dist/wasm sit two levels below the package.
const PACKAGED = {
  release: {
    simd: () => new URL('../../build/release/rnnkit.simd.wasm', import.meta.url),
    scalar: () => new URL('../../build/release/rnnkit.scalar.wasm', import.meta.url),
  },
  debug: {
    simd: () => new URL('../../build/debug/rnnkit.simd.wasm', import.meta.url),
    scalar: () => new URL('../../build/debug/rnnkit.scalar.wasm', import.meta.url),
  },
} as const;

const compiled = new Map<string, Promise<WebAssembly.Module>>();

async function fetchBytes(url: URL): Promise<BufferSource> {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`load: fetching ${url.href} failed with HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * A URL for `source`: absolute URLs as they are; a relative string against the page in a browser,
 * or as a file path against the working directory in Node (what a user of either expects).
 */
async function locate(source: string | URL): Promise<URL> {
  if (source instanceof URL) return source;
  try {
    return new URL(source);
  } catch {
    const page = (globalThis as { location?: { href: string } }).location?.href;
    if (page !== undefined) return new URL(source, page);
    const [{ pathToFileURL }, { resolve }] = await Promise.all([import('node:url'), import('node:path')]);
    return pathToFileURL(resolve(source));
  }
}

async function compileSource(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL) {
    return WebAssembly.compile(await fetchBytes(await locate(source)));
  }
  if (typeof Response !== 'undefined' && source instanceof Response) {
    return WebAssembly.compile(await source.arrayBuffer());
  }
  return WebAssembly.compile(source as BufferSource);
}

/** SIMD support: validates the smallest module using a v128 instruction. */
function engineHasSimd(): boolean {
  // (module (func (result v128) v128.const i64x2 0 0))
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
  ]);
  return WebAssembly.validate(probe);
}

function packagedModule(build: BuildName, simd: boolean): Promise<WebAssembly.Module> {
  const key = `${build}/${simd ? 'simd' : 'scalar'}`;
  let module = compiled.get(key);
  if (!module) {
    module = fetchBytes(PACKAGED[build][simd ? 'simd' : 'scalar']()).then((bytes) => WebAssembly.compile(bytes));
    module.catch(() => compiled.delete(key));
    compiled.set(key, module);
  }
  return module;
}

export async function instantiateCore(options: LoadOptions = {}): Promise<LoadedCore> {
  const { build = 'release', simd = 'auto', wasm } = options;
  if (build !== 'release' && build !== 'debug') {
    throw new RangeError(`load: build must be 'release' or 'debug' (got ${String(build)})`);
  }
  if (simd !== true && simd !== false && simd !== 'auto') {
    throw new RangeError(`load: simd must be true, false or 'auto' (got ${String(simd)})`);
  }
  const hasSimd = engineHasSimd();
  if (simd === true && !hasSimd) throw new Error('load: simd: true, but this engine has no WebAssembly SIMD');
  const useSimd = simd === 'auto' ? hasSimd : simd;
  const module = wasm === undefined ? await packagedModule(build, useSimd) : await compileSource(wasm);
  const { exports } = await instantiate<Record<string, unknown>>(module, {});
  const core = exports as unknown as CoreExports;
  if (typeof core.core_features !== 'function' || typeof core.arena_alloc !== 'function') {
    throw new TypeError('load: wasm is not an rnnkit core module (core_features/arena_alloc missing)');
  }
  return {
    exports: core,
    simd: (core.core_features() & 1) === 1,
    build: wasm === undefined ? build : 'custom',
  };
}
