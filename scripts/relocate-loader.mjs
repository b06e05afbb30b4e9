// An esbuild plugin for builds that move the loader's code to Node-only output (the CommonJS
// build, the CLI bundle): src/wasm/loader.ts finds the release binaries at ../../build/ from its
// own file (dist/wasm/loader.js), and its platform module through `#platform` (package.json
// "imports"). Such a build gives the binaries' path from the new place (`up`: the '../' prefix)
// and imports the Node platform module (`platform`: its path from there) directly.
import { readFile } from 'node:fs/promises';

export function relocateLoader({ up, platform }) {
  return {
    name: 'relocate-loader',
    setup(build) {
      build.onLoad({ filter: /src\/wasm\/loader\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const relocated = source
          .replaceAll("'../../build/", `'${up}build/`)
          .replaceAll('`../../build/', `\`${up}build/`)
          .replace("from '#platform'", `from '${platform}'`);
        if (!relocated.includes(`'${up}build/`) || relocated.includes("'#platform'")) {
          throw new Error('relocate-loader: the loader no longer refers to ../../build/ and #platform');
        }
        return { contents: relocated, loader: 'ts' };
      });
    },
  };
}
