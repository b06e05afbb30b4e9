// An esbuild plugin for builds that move the loader's code: src/wasm/loader.ts finds the release
// binaries at ../../build/ from its own file (dist/wasm/loader.js); a build whose output for it
// sits elsewhere gives the path from there (`up`: the new '../' prefix).
import { readFile } from 'node:fs/promises';

export function relocateWasm(up) {
  return {
    name: 'relocate-wasm',
    setup(build) {
      build.onLoad({ filter: /src\/wasm\/loader\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const relocated = source.replaceAll("'../../build/", `'${up}build/`).replaceAll('`../../build/', `\`${up}build/`);
        if (relocated === source) throw new Error('relocate-wasm: the loader no longer refers to ../../build/');
        return { contents: relocated, loader: 'ts' };
      });
    },
  };
}
