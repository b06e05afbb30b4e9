/**
 * Import rules for src/ (npm run lint:deps, part of npm run lint). Data flows downward:
 *
 *   cli  >  report, bench  >  index, load, warm-up, parallel  >  learning, io  >  analysis  >  dynamics
 *        >  connectivity  >  theory  >  runtime  >  linalg  >  random  >  wasm, validate, version
 *
 * A module may import its own layer and any lower one, never a higher one. Type-only imports may
 * point up (signatures name the Runtime; they vanish at run time). The theory layer is pure: it
 * imports only itself, validate.ts and the nonlinearity table. src/reference/ (the oracle the
 * tests check kernels against) imports nothing of the production code but the ABI's layout constants. No cycles of value imports.
 */
const LAYERS = [
  ['^src/(wasm/|validate\\.ts$|version\\.ts$)'],
  ['^src/random/'],
  ['^src/linalg/'],
  ['^src/runtime\\.ts$'],
  ['^src/theory/'],
  ['^src/connectivity/'],
  ['^src/dynamics/'],
  ['^src/analysis/'],
  ['^src/(learning|io)/'],
  ['^src/(index|load|warm-up)\\.ts$', '^src/parallel/'],
  ['^src/(report|bench)/'],
  ['^src/cli/'],
];

const upward = LAYERS.slice(0, -1).map((from, i) => ({
  name: `layer-${i}-imports-up`,
  comment: `${from.join(', ')} must not import a higher layer (${LAYERS.slice(i + 1).flat().join(', ')})`,
  severity: 'error',
  from: { path: from },
  // The nonlinearity table is pure (its own rule below), so every layer may read it.
  to: { path: LAYERS.slice(i + 1).flat(), pathNot: '^src/dynamics/nonlinearity\\.ts$', dependencyTypesNot: ['type-only'] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'value imports must not form a cycle',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...upward,
    {
      name: 'theory-is-pure',
      comment: 'src/theory imports only theory, validate.ts and the nonlinearity table',
      severity: 'error',
      from: { path: '^src/theory/' },
      to: { path: '^src/', pathNot: ['^src/theory/', '^src/validate\\.ts$', '^src/dynamics/nonlinearity\\.ts$'] },
    },
    {
      name: 'nonlinearity-table-is-pure',
      comment: 'the table the theory layer reads must not pull in the runtime',
      severity: 'error',
      from: { path: '^src/dynamics/nonlinearity\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/validate\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'reference-is-independent',
      comment: 'the plain-TS reference kernels must not lean on the production code they check (the ABI file, which only declares layouts and constants, is shared)',
      severity: 'error',
      from: { path: '^src/reference/' },
      to: { path: '^src/', pathNot: ['^src/reference/', '^src/wasm/abi\\.ts$'] },
    },
    {
      name: 'only-benchmarks-use-the-reference',
      comment: 'production code never calls the reference kernels (tests and benchmarks do)',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/reference/', '^src/bench/'] },
      to: { path: '^src/reference/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
