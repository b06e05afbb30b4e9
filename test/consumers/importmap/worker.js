// Workers do not see the page's import map: import the browser build by its URL.
import { applyNonlinearity, load } from '/node_modules/rnnkit/build/browser/rnnkit.js';
import { serveWorker } from '/shared/page.js';
import { seededNumbers } from '/shared/seeded.js';

serveWorker(() => seededNumbers({ load, applyNonlinearity }));
