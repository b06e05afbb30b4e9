// esbuild: it does not follow new URL('…wasm', import.meta.url), so the build copies the two
// binaries (rnnkit/wasm/*.wasm) next to the bundle and the app names that folder: wasmBase.
import { applyNonlinearity, load } from 'rnnkit';
import { runPage } from '../shared/page.js';
import { seededNumbers } from '../shared/seeded.js';

const wasmBase = new URL('./', import.meta.url);
runPage(() => seededNumbers({ load, applyNonlinearity }, { wasmBase }), new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
