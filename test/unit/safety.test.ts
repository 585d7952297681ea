/** Safe by construction: the lint path neither talks to the network nor runs anything, and stays in the workspace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { lintProject } from '../helpers/lint';

const repo = path.resolve(__dirname, '..', '..', '..');
const FORBIDDEN = ['child_process', 'http', 'https', 'net', 'tls', 'dgram', 'http2', 'vm'];

/** Node built-ins a bundle of `entry` imports, and whether its code calls eval / new Function. */
function bundleFacts(entry: string): { builtins: Set<string>; evals: boolean } {
  const r = buildSync({
    entryPoints: [path.join(repo, entry)],
    bundle: true,
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const builtins = new Set<string>();
  for (const input of Object.values(r.metafile!.inputs)) {
    for (const imp of input.imports) if (imp.external) builtins.add(imp.path.replace(/^node:/, ''));
  }
  const text = r.outputFiles![0].text;
  return { builtins, evals: /\beval\s*\(|new Function\s*\(/.test(text) };
}

for (const entry of ['server/src/analysis/index.ts', 'server/src/cli/main.ts', 'server/src/shell/mvdan.ts']) {
  test(`${entry}: no network, process, vm or eval on the lint path`, () => {
    const { builtins, evals } = bundleFacts(entry);
    assert.deepEqual(
      FORBIDDEN.filter((m) => builtins.has(m)),
      [],
    );
    assert.equal(evals, false);
  });
}

test('the shell parser bundle (mvdan-sh) requires nothing that reaches the network or runs programs', () => {
  const { builtins, evals } = bundleFacts('node_modules/mvdan-sh/index.js');
  assert.deepEqual(
    FORBIDDEN.filter((m) => builtins.has(m)),
    [],
  );
  assert.equal(evals, false);
});

test('include/extends/env_file paths that leave the workspace are not read', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-confine-'));
  const ws = path.join(tmp, 'ws');
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(tmp, 'outside.yaml'), 'services:\n  secret:\n    image: evil:1.0\n    privileged: true\n');
  const file = path.join(ws, 'compose.yaml');
  const text = 'include:\n  - ../outside.yaml\nservices:\n  web:\n    extends:\n      file: ../outside.yaml\n      service: secret\n';
  fs.writeFileSync(file, text);
  const confined = lintProject({ file, text, files: 'disk', roots: [ws] });
  const allowed = lintProject({ file, text, files: 'disk' });
  assert.ok(!confined.some((f) => f.rule === 'privileged'), 'outside file was read');
  assert.ok(
    allowed.some((f) => f.rule === 'privileged'),
    'without confinement the extends parent is read',
  );
});

test('the CLI confines reads to the linted paths unless --allow-outside, and a symlink loop does not hang', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cli-confine-'));
  const ws = path.join(tmp, 'ws');
  fs.mkdirSync(path.join(ws, 'a'), { recursive: true });
  fs.symlinkSync(ws, path.join(ws, 'a', 'loop'));
  fs.writeFileSync(path.join(tmp, 'outside.yaml'), 'services:\n  base:\n    image: app:1.0\n    pids_limit: 100\n');
  fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  web:\n    extends:\n      file: ../outside.yaml\n      service: base\n');
  const pidsFindings = (...args: string[]) => {
    const r = spawnSync(
      process.execPath,
      [path.join(repo, 'bin', 'dockwarden.js'), '--format', 'json', '--fail-on', 'none', ...args, '.'],
      { cwd: ws, encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'pids-limit-missing').length;
  };
  assert.equal(pidsFindings(), 1, 'the parent outside the linted folder is not read');
  assert.equal(pidsFindings('--allow-outside'), 0, 'with --allow-outside web inherits pids_limit from the parent');
});

test('the CLI resolves links once per folder and still confines: a linked folder or file outside is not read, one inside is', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cli-links-'));
  const ws = path.join(tmp, 'ws');
  const outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(ws, 'real'), { recursive: true });
  fs.mkdirSync(outside);
  const parent = 'services:\n  base:\n    image: app:1.0\n    pids_limit: 100\n';
  fs.writeFileSync(path.join(outside, 'base.yaml'), parent);
  fs.writeFileSync(path.join(ws, 'real', 'base.yaml'), parent);
  fs.symlinkSync(outside, path.join(ws, 'out-dir')); // a folder inside that is a link to one outside
  fs.symlinkSync(path.join(outside, 'base.yaml'), path.join(ws, 'out-file.yaml')); // a file that is such a link
  fs.symlinkSync(path.join(ws, 'real'), path.join(ws, 'in-dir')); // a link that stays inside
  const services = (name: string, file: string) => `  ${name}:\n    extends:\n      file: ${file}\n      service: base\n`;
  fs.writeFileSync(
    path.join(ws, 'compose.yaml'),
    'services:\n' +
      services('via-dir', 'out-dir/base.yaml') +
      services('via-file', 'out-file.yaml') +
      services('inside', 'in-dir/base.yaml') +
      services('direct', 'real/base.yaml'),
  );
  const r = spawnSync(
    process.execPath,
    [path.join(repo, 'bin', 'dockwarden.js'), '--format', 'json', '--fail-on', 'none', 'compose.yaml'],
    {
      cwd: ws,
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  const missing = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; message: string }> }).findings
    .filter((f) => f.rule === 'pids-limit-missing')
    .map((f) => /'([^']+)'/.exec(f.message)?.[1])
    .sort();
  assert.deepEqual(missing, ['via-dir', 'via-file'], 'only the parents reached through links to outside are not read');
});
