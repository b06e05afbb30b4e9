// webpack 5, no loader or plugin: it follows new URL(…, import.meta.url) for the .wasm and the worker.
import { applyNonlinearity, load } from 'rnnkit';
import { runPage } from '../shared/page.js';
import { seededNumbers } from '../shared/seeded.js';

runPage(() => seededNumbers({ load, applyNonlinearity }), new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
