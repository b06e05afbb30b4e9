import { applyNonlinearity, load } from 'rnnkit';
import { serveWorker } from '../shared/page.js';
import { seededNumbers } from '../shared/seeded.js';

serveWorker(() => seededNumbers({ load, applyNonlinearity }));
