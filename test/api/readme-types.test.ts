/**
 * The README's TypeScript examples compile as a user's app would compile them: against the built
 * package (dist/*.d.ts through package.json "exports", as installed), under the strictest common
 * settings (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, skipLibCheck: false) and
 * a browser tsconfig (lib ES2022 + DOM, no @types/node, no ESNext.Disposable), so neither the
 * README nor the declarations can drift. A block that does not import from 'rnnkit' continues the
 * one before it; names the prose leaves to context (a runtime, a run) are declared in CONTEXT.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

const STRICT: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], strict: true, exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true,
};

/** What the README's later sections take from earlier ones (a runtime, runs with recordings, a network). */
const CONTEXT = `import type { Network, RecordedRateRun, Runtime } from 'rnnkit';
declare global {
  const rt: Runtime;
  const run: RecordedRateRun, run1: RecordedRateRun, run2: RecordedRateRun, run3: RecordedRateRun;
  const net: Network;
}
export {};
`;

/** The ```ts blocks of README.md, a block without an import from 'rnnkit' joined to the one before. */
function readmeExamples(readme: string): string[] {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const examples: string[] = [];
  for (const block of blocks) {
    if (/from 'rnnkit(\/io)?'/.test(block) || examples.length === 0) examples.push(block);
    else examples[examples.length - 1] += block;
  }
  return examples;
}

function compile(dir: string, files: string[], options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(files.map((file) => join(dir, file)), options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.replace(`${dir}/`, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('README examples and the declarations', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('compile under strict settings in a browser tsconfig (installed-package resolution)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rnnkit-readme-'));
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await mkdir(join(dir, 'node_modules'));
    await symlink(ROOT, join(dir, 'node_modules', 'rnnkit'), 'dir');
    const examples = readmeExamples(await readFile(join(ROOT, 'README.md'), 'utf8'));
    expect(examples.length).toBeGreaterThanOrEqual(7);
    const files = ['context.ts'];
    await writeFile(join(dir, 'context.ts'), CONTEXT);
    for (const [i, example] of examples.entries()) {
      files.push(`example-${i + 1}.ts`);
      await writeFile(join(dir, `example-${i + 1}.ts`), `${example}\nexport {};\n`);
    }
    expect(compile(dir, files, STRICT)).toEqual([]);
  });

  it('rnnkit/io compiles with @types/node and skipLibCheck: false', async () => {
    await writeFile(join(dir, 'io.ts'), "import { readNetworkFile } from 'rnnkit/io';\nexport const read: typeof readNetworkFile = readNetworkFile;\n");
    expect(compile(dir, ['io.ts'], { ...STRICT, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] })).toEqual([]);
  });
});
