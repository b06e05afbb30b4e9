/**
 * Where the browser tests find Chromium, and what happens when it is missing: in CI (CI=true) the
 * browser tests FAIL, since a skipped parity check would let CI pass without it; locally they are
 * skipped with a boxed notice on stderr and a skipped test whose name says why.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { it } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const inCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** Registers the missing-Chromium verdict for `what` (call inside the file's describe, or at top level). */
export function requireChromium(what: string): void {
  if (hasChromium) return;
  const reason = `no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (inCi) {
    it(`${what}: Chromium is required when CI=true`, () => {
      throw new Error(`${what} cannot run: ${reason}. CI must not pass with the browser tests skipped.`);
    });
    return;
  }
  const line = `  BROWSER TESTS SKIPPED (${what}): ${reason}  `;
  const bar = '!'.repeat(line.length);
  process.stderr.write(`\n${bar}\n${line}\n${bar}\n\n`);
  it.skip(`SKIPPED, ${what}: ${reason}`, () => {});
}

/** Debian's headless Chromium, quiet: no sandbox (containers), no GPU, no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
