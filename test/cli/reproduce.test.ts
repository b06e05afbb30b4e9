import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/report/config.js';
import { REPRODUCTIONS } from '../../src/report/presets.js';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit reproduce', () => {
  it('every preset is a valid report config with exactly one section', () => {
    for (const [name, preset] of Object.entries(REPRODUCTIONS)) {
      const experiment = parseExperiment(preset.experiment, name) as Record<string, unknown>;
      const sections = Object.keys(preset.experiment as object).filter((k) => k !== 'title' && k !== 'seed');
      expect(sections.length, name).toBe(1);
      expect(experiment[sections[0]], name).toBeDefined();
    }
  });

  it('--list --json names the reproductions; an unknown name is an error naming the choices', async () => {
    const list = await rnnkit('reproduce', '--list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const names = JSON.parse(list.stdout).reproductions.map((r: { name: string }) => r.name);
    expect(names).toEqual(Object.keys(REPRODUCTIONS));
    const bad = await rnnkit('reproduce', 'nonsense');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/name must be one of .*fixed-points/);
  });
});
