import { createRequire } from 'node:module';

/** rnnkit's version, read from its package.json (Node only). */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}
