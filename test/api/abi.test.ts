/**
 * src/wasm/abi.ts mirrors the module's exports by hand; this test keeps the mirror from drifting:
 * every binary exports exactly the members CoreExports declares, functions with the declared
 * number of parameters (the arena's loader wrappers are not involved: the raw module is read).
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const BINARIES = ['release/rnnkit.simd', 'release/rnnkit.scalar', 'release/rnnkit.threads', 'debug/rnnkit.simd', 'debug/rnnkit.scalar'];

/** CoreExports' members with the parameter count of each method (null for properties). */
async function declaredExports(): Promise<Map<string, number | null>> {
  const path = new URL('../../src/wasm/abi.ts', import.meta.url);
  const source = ts.createSourceFile('abi.ts', await readFile(path, 'utf8'), ts.ScriptTarget.Latest);
  const members = new Map<string, number | null>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'CoreExports') return;
    for (const m of node.members) {
      const name = (m.name as ts.Identifier).text;
      members.set(name, ts.isMethodSignature(m) ? m.parameters.length : null);
    }
  });
  return members;
}

describe('the ABI mirror', () => {
  it.each(BINARIES)('CoreExports lists exactly the exports of %s.wasm, with their arities', async (binary) => {
    const declared = await declaredExports();
    expect(declared.size).toBeGreaterThan(50);
    const bytes = await readFile(new URL(`../../build/${binary}.wasm`, import.meta.url));
    const module = new WebAssembly.Module(bytes);
    const exported = WebAssembly.Module.exports(module);
    // `memory` is the linear memory; everything else the module exports must be a declared function.
    const functions = exported.filter((e) => e.kind === 'function').map((e) => e.name).sort();
    expect(exported.filter((e) => e.kind === 'memory').map((e) => e.name)).toEqual(['memory']);
    expect(functions).toEqual([...declared.keys()].filter((k) => k !== 'memory').sort());
    // Arity: instantiate with a stub abort and compare Function.length with the declared parameters.
    // The threaded binary imports its (shared) memory; the others define their own.
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
    const instance = new WebAssembly.Instance(module, { env: { abort: () => {}, seed: () => 0, memory } });
    for (const name of functions) {
      expect({ name, arity: (instance.exports[name] as (...args: number[]) => unknown).length })
        .toEqual({ name, arity: declared.get(name) });
    }
  });
});
