import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/report/config.js';

describe('README', () => {
  it('starts with the two set-up commands', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const firstBlock = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 5));
    expect(firstBlock).toMatch(/npm install && npm start/);
    expect(firstBlock).toMatch(/npm test/);
  });

  it('shows a report config that validates', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Writing a report config'));
    const json = section.slice(section.indexOf('```json') + 7, section.indexOf('```', section.indexOf('```json') + 7));
    const experiment = parseExperiment(JSON.parse(json), 'README');
    expect(experiment.title).toBe('E/I balance');
    expect(experiment.lyapunov?.dynamics.dt).toBe(0.05);
  });
});
