/**
 * bin/dockwarden.js runs the bundled CLI with the V8 code cache the build made (scripts/code-cache.mjs): the same
 * output with and without it, and a cache that is not exactly this build's is never used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO } from './cli-helpers';

const dist = path.join(REPO, 'dist');
const FIXTURES = path.join(REPO, 'test', 'fixtures');
const built = fs.existsSync(path.join(dist, 'cli.js.cache')) && fs.existsSync(path.join(dist, 'mvdan-sh.js.cache'));
const skip = !built && 'dist/ not built with its code caches (npm run build)';

/** Runs the CLI through the loader in bin/dockwarden.js from `bin`; also reports which bundles loaded and whether V8 took their cache. */
function runThroughLoader(binDir: string, args: string[], noCache = false): { stdout: string; status: number | null; loaded: string } {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cache-report-')), 'loaded.json');
  const script = [
    `const rb = require(${JSON.stringify(path.join(binDir, 'dockwarden.js'))});`,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)},`,
    `  JSON.stringify([...rb.scripts].map(([f, s]) => [require('node:path').basename(f), s.cacheUsed]))));`,
    `rb.runBundle(${JSON.stringify(path.join(binDir, '..', 'dist', 'cli.js'))}, { noCache: ${noCache} });`,
  ].join('\n');
  // argv[1] stands for the script, as when bin/dockwarden.js runs: the CLI's arguments start at argv[2].
  const r = spawnSync(process.execPath, ['-e', script, 'x', ...args], { cwd: FIXTURES, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stderr, '');
  return { stdout: r.stdout, status: r.status, loaded: fs.readFileSync(report, 'utf8') };
}

/** A copy of bin/ and dist/ (the bundles and caches of the CLI) to tamper with. */
function copyOfBuild(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cache-'));
  fs.mkdirSync(path.join(root, 'dist'));
  fs.cpSync(path.join(REPO, 'bin'), path.join(root, 'bin'), { recursive: true });
  for (const f of fs.readdirSync(dist)) {
    if (/^(cli|mvdan-sh|dockerfile-ast)\.js(\.cache)?$/.test(f)) fs.copyFileSync(path.join(dist, f), path.join(root, 'dist', f));
  }
  return root;
}

const ARGS = ['--format', 'json', '--fail-on', 'none', 'cli/project', 'dockerfile', 'compose'];

test('the CLI gives the same output with its code caches as without them, and uses them', { skip }, () => {
  const bin = path.join(REPO, 'bin');
  const cached = runThroughLoader(bin, ARGS);
  const plain = runThroughLoader(bin, ARGS, true);
  assert.equal(cached.status, 0);
  assert.ok(cached.stdout.length > 1000, 'the fixtures give findings');
  assert.equal(cached.stdout, plain.stdout);
  // Dockerfiles with RUN load the Dockerfile parser and the shell parser beside the CLI, each with its cache.
  assert.deepEqual(JSON.parse(cached.loaded), [
    ['cli.js', true],
    ['dockerfile-ast.js', true],
    ['mvdan-sh.js', true],
  ]);
  assert.ok((JSON.parse(plain.loaded) as [string, boolean][]).every(([, used]) => !used));
  // And what bin/dockwarden.js prints is that output too.
  const viaBin = spawnSync(process.execPath, [path.join(bin, 'dockwarden.js'), ...ARGS], { cwd: FIXTURES, encoding: 'utf8' });
  assert.equal(viaBin.stdout, cached.stdout);
});

test('a code cache of another build, a truncated or damaged one, or a bundle without a build id is not used', { skip }, () => {
  const expected = runThroughLoader(path.join(REPO, 'bin'), ARGS, true).stdout;
  const cases: Array<[string, (root: string) => void]> = [
    [
      'another build id',
      (root) => {
        const file = path.join(root, 'dist', 'cli.js.cache');
        const bytes = fs.readFileSync(file);
        const header = bytes.toString('latin1', 0, bytes.indexOf(10));
        const id = / ([0-9a-f]+) /.exec(header)![1];
        const other = id.replace(/^./, id[0] === '0' ? '1' : '0');
        fs.writeFileSync(file, Buffer.concat([Buffer.from(header.replace(id, other), 'latin1'), bytes.subarray(header.length)]));
      },
    ],
    ['truncated', (root) => fs.truncateSync(path.join(root, 'dist', 'cli.js.cache'), 4000)],
    [
      // V8 would abort the process on this one: it checks a cache's integrity only in debug builds.
      'damaged',
      (root) => {
        const file = path.join(root, 'dist', 'cli.js.cache');
        const bytes = fs.readFileSync(file);
        for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 400; i++) bytes[i] ^= 0x5a;
        fs.writeFileSync(file, bytes);
      },
    ],
    [
      'the bundle of another build, of the same length',
      (root) => {
        // V8 alone would take the cache: it compares the source's length, not its text.
        const file = path.join(root, 'dist', 'cli.js');
        const text = fs.readFileSync(file, 'utf8');
        const at = text.lastIndexOf('dockwarden-build=') + 'dockwarden-build='.length;
        fs.writeFileSync(file, text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1));
      },
    ],
    [
      'no build id',
      (root) => {
        const file = path.join(root, 'dist', 'cli.js');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n\/\/# dockwarden-build=[0-9a-f]+\n$/, '\n'));
      },
    ],
  ];
  for (const [name, tamper] of cases) {
    const root = copyOfBuild();
    tamper(root);
    const run = runThroughLoader(path.join(root, 'bin'), ARGS);
    assert.equal(run.stdout, expected, name);
    const cli = (JSON.parse(run.loaded) as [string, boolean][]).find(([f]) => f === 'cli.js');
    assert.deepEqual(cli, ['cli.js', false], name);
  }
});
