/**
 * The explorer's parameter parser (examples/explorer/src/params.ts), without a browser: every bad
 * value gets a message naming the control and its range and keeps the last good value, and a view
 * survives the round trip through its URL.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, fromQuery, parseParams, toQuery } from '../../examples/explorer/src/params.js';

describe('explorer parameters', () => {
  it.each([
    ['n', '0', /N must satisfy 10 ≤ N ≤ 2000 \(got 0\)/],
    ['n', '250.5', /N must be a whole number/],
    ['eta', '2', /η must satisfy -1 ≤ η ≤ 1 \(got 2\)/],
    ['g', 'abc', /g must be a number \(got 'abc'\)/],
    ['g', '', /g must be a number/],
    ['g', '1e', /g must be a number/],
    ['t', 'Infinity', /T must be a number/],
    ['model', 'hopfield', /model must be one of gaussian, lognormal, random-mode, ei/],
    ['seed', '  ', /seed must not be empty/],
  ])('%s = %j is refused and keeps the last good value', (name, text, message) => {
    const base = { ...DEFAULTS, g: 2 };
    const { params, errors } = parseParams({ [name]: text }, base);
    expect(errors[name as keyof typeof errors]).toMatch(message);
    expect(params).toEqual(base);
  });

  it('K must stay below N for the sparse models only', () => {
    expect(parseParams({ model: 'lognormal', n: '40', k: '50' }).errors.k).toMatch(/K must be below N = 40/);
    expect(parseParams({ model: 'gaussian', n: '40', k: '50' }).errors).toEqual({});
  });

  it('accepts good values, and a view survives its URL', () => {
    const { params, errors } = parseParams({ model: 'lognormal', n: '1000', g: ' 1.25 ', eta: '-0.5', cv: '1.5', seed: 'abc', phi: 'erf' });
    expect(errors).toEqual({});
    expect(params).toMatchObject({ model: 'lognormal', n: 1000, g: 1.25, eta: -0.5, cv: 1.5, seed: 'abc', phi: 'erf' });
    expect(toQuery(DEFAULTS)).toBe('');
    expect(fromQuery(`?${toQuery(params)}`)).toEqual({ params, errors: {} });
  });
});
