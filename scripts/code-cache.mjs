// Makes the V8 code caches bin/dockwarden.js loads the CLI with (dist/cli.js.cache, dist/mvdan-sh.js.cache).
//
// Each bundle gets a build id (a hash of its text) appended as its last line; then a training run of the CLI,
// in a fresh Node process, lints the examples (Compose files and a Dockerfile with RUN) and writes the cache of
// every bundle it loaded, taken after the run so that it holds the functions a lint compiles, not only the
// top level. V8 takes the cache only in the same Node version with the same V8 flags; elsewhere the bundle
// compiles as it would without one. Run by scripts/bundle.mjs after bundling; `node scripts/code-cache.mjs`
// makes the caches again for the bundles in dist/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repo, 'dist');
const BUNDLES = ['cli.js', 'mvdan-sh.js', 'dockerfile-ast.js'];
const MARKER = '\n//# dockwarden-build=';

export function makeCodeCaches() {
  for (const name of BUNDLES) stampBuildId(path.join(dist, name));
  const train = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train'], {
    cwd: path.join(repo, 'examples'),
    stdio: ['ignore', 'ignore', 'inherit'],
    encoding: 'utf8',
  });
  if (train.status !== 0) throw new Error(`code cache training run failed (status ${train.status})`);
}

/** Appends (or renews) the bundle's build id: the first 32 hex digits of the SHA-256 of its text without it. */
function stampBuildId(file) {
  let text = readFileSync(file, 'utf8');
  const at = text.lastIndexOf(MARKER);
  if (at >= 0 && text.length - at < 100) text = text.slice(0, at);
  if (!text.endsWith('\n')) text += '\n';
  const id = createHash('sha256').update(text).digest('hex').slice(0, 32);
  writeFileSync(file, `${text.slice(0, -1)}${MARKER}${id}\n`);
}

/** In the training process: run the CLI over the examples, then write each loaded bundle's cache. */
function trainAndWrite() {
  const require = createRequire(import.meta.url);
  const { runBundle, buildIdOf, cacheFileOf, checksum, scripts } = require('../bin/dockwarden.js');
  const cli = path.join(dist, 'cli.js');
  // Every example folder: Compose projects (anchors, override-like files, a Dockerfile with RUN), text output.
  process.argv = [process.argv[0], cli, '--fail-on', 'none', '.'];
  runBundle(cli, { noCache: true, entry: path.join(repo, 'bin', 'dockwarden.js') });
  for (const [file, { script }] of scripts) {
    const id = buildIdOf(readFileSync(file, 'utf8'));
    if (!id) continue;
    const data = script.createCachedData();
    // The header is padded to a multiple of 8 bytes, so that the payload stays aligned (no copy, a fast checksum).
    let header = `dockwarden-code-cache 2 ${id} ${data.length} ${checksum(data)}`;
    header = header.padEnd(Math.ceil((header.length + 1) / 8) * 8 - 1, ' ') + '\n';
    const tmp = `${cacheFileOf(file)}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(header, 'latin1'), data]));
    // Renamed into place: a run that starts meanwhile sees the old cache or the new one, never half of one.
    require('node:fs').renameSync(tmp, cacheFileOf(file));
  }
  process.exitCode = 0;
}

if (process.argv[2] === '--train') trainAndWrite();
else if (process.argv[1] === fileURLToPath(import.meta.url)) makeCodeCaches();
