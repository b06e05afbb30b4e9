/**
 * Every function and class the package exports (rnnkit and rnnkit/io, as declared in dist/*.d.ts)
 * carries a TSDoc summary, which TypeDoc (npm run docs → docs/api) turns into the API reference.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const ENTRIES = ['dist/index.d.ts', 'dist/io/files.d.ts'].map((file) => resolve(ROOT, file));

describe('API reference', () => {
  it('every exported function and class has a summary', () => {
    const program = ts.createProgram(ENTRIES, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
    const checker = program.getTypeChecker();
    const undocumented: string[] = [];
    let checked = 0;
    for (const entry of ENTRIES) {
      const source = program.getSourceFile(entry);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) throw new Error(`no module for ${entry}`);
      for (const exported of checker.getExportsOfModule(module)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))) continue;
        checked++;
        const declarations = symbol.declarations ?? [];
        const documented = declarations.some((declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0);
        if (!documented) undocumented.push(symbol.name);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(undocumented.sort()).toEqual([]);
  });
});
