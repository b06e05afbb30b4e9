// Vite (dev server and build), no configuration: the library's new URL('…wasm', import.meta.url).
import { applyNonlinearity, load } from 'rnnkit';
import { runPage } from '../shared/page.js';
import { seededNumbers } from '../shared/seeded.js';

runPage(() => seededNumbers({ load, applyNonlinearity }), new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
