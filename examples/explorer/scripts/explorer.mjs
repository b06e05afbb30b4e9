#!/usr/bin/env node
/**
 * `npm run explorer [-- --port N --host 127.0.0.1]` at the repository root: installs the
 * explorer's own dependencies (npm ci, once), packs rnnkit as a user would get it (npm pack of the
 * built root package) and installs that tarball into the explorer, builds the app with Vite, and
 * serves the build on the loopback address. Options:
 *   --port N       port to listen on (default 5173; 0 picks a free one)
 *   --host H       address to listen on (default 127.0.0.1)
 *   --build-only   build and exit (the browser test does this once, then serves itself)
 *   --no-build     serve the existing build
 *   --check        also type-check the app (tsc of the repository root) before building
 * Prints "explorer: http://HOST:PORT/" once it listens.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const APP = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(APP, '../..');
const DIST = join(APP, 'dist');
const PACK = join(APP, '.pack');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    host: { type: 'string', default: '127.0.0.1' },
    'build-only': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`explorer: --port must be an integer in [0, 65535] (got ${values.port})`);
  process.exit(1);
}

const npm = (args, cwd) => execFileSync(NPM, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

async function build() {
  if (!existsSync(join(ROOT, 'dist/index.js')) || !existsSync(join(ROOT, 'build/release/rnnkit.simd.wasm'))) {
    throw new Error('explorer: rnnkit is not built (run `npm ci` or `npm run build` at the repository root first)');
  }
  if (!existsSync(join(APP, 'node_modules/vite'))) {
    console.error('explorer: installing its dependencies (npm ci)');
    npm(['ci', '--no-audit', '--no-fund'], APP);
  }
  // The package as published: npm pack of the root (already built; --ignore-scripts skips a rebuild).
  rmSync(PACK, { recursive: true, force: true });
  mkdirSync(PACK);
  npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', PACK], ROOT);
  const [tarball] = readdirSync(PACK).filter((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`explorer: npm pack wrote no tarball into ${PACK}`);
  console.error(`explorer: installing ${tarball}`);
  npm(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', join(PACK, tarball)], APP);
  if (values.check) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(APP, 'tsconfig.json')], { stdio: 'inherit' });
  }
  // A production build even when called from a test runner (vitest sets NODE_ENV=test).
  process.env.NODE_ENV = 'production';
  const { build: viteBuild } = await import(join(APP, 'node_modules/vite/dist/node/index.js'));
  await viteBuild({ root: APP, configFile: join(APP, 'vite.config.mjs'), logLevel: 'warn' });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** A static server for the build: GET/HEAD only, nothing outside dist/, the page for "/". */
function serve(host, listenPort) {
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = resolve(DIST, `.${path}`);
    if (file !== DIST && !file.startsWith(`${DIST}/`)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(listenPort, host, () => ok(server));
  });
}

try {
  if (!values['no-build']) await build();
  if (!values['build-only']) {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('explorer: no build to serve (run without --no-build)');
    const server = await serve(values.host, port);
    const address = server.address();
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    console.log(`explorer: http://${shownHost}:${address.port}/`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
