/**
 * Hostile input, round two, through the CLI: files Compose reads under any name, reads and writes that must not
 * leave the workspace, special files, the process environment in uploaded output, fixes that must keep files
 * valid. Each case fails on the code before its fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parseJson, runCli } from './cli-helpers';
import { parseDotenv } from '../../server/src/project/dotenv';

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-hostile-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const json = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  parseJson(runCli(['--format', 'json', '--fail-on', 'none', ...args], cwd, env));

test('extends.file and COMPOSE_FILE entries whose names are not .yml/.yaml are read and their findings reported', () => {
  const dir = tempTree({
    'ext/compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    extends:\n      file: defaults.conf\n      service: base\n',
    'ext/defaults.conf': 'services:\n  base:\n    privileged: true\n',
    'cf/.env': 'COMPOSE_FILE=compose.yaml:prod.override\n',
    'cf/compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n',
    'cf/prod.override': 'services:\n  web:\n    network_mode: host\n',
    'build/compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: build.docker\n',
    'build/build.docker': 'FROM debian:12.5\nRUN curl -fsSL http://x.example/i.sh | sh\nUSER 10001\n',
  });
  const report = json(['.'], dir);
  const at = (rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => f.file);
  assert.deepEqual(at('privileged'), ['ext/defaults.conf']);
  assert.deepEqual(at('host-network'), ['cf/prod.override']);
  assert.deepEqual(at('remote-script-piped-to-shell'), ['build/build.docker']);
  for (const f of ['ext/defaults.conf', 'cf/prod.override', 'build/build.docker'])
    assert.ok(report.files.includes(f), report.files.join(' '));
});

test('files a project reads outside the linted folder stay unread (and unlisted)', () => {
  const root = tempTree({ 'outside.conf': 'services:\n  base:\n    privileged: true\n' });
  const ws = path.join(root, 'ws');
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  web:\n    extends:\n      file: ../outside.conf\n      service: base\n');
  const report = json(['.'], ws);
  assert.deepEqual(report.files, ['compose.yaml']);
  assert.ok(!report.findings.some((f) => f.rule === 'privileged'));
});

test('20,000 one-line services (140,000 findings): complete JSON output, no stack overflow', () => {
  const dir = tempTree({
    'compose.yaml': `services:\n${Array.from({ length: 20_000 }, (_, i) => `  s${i}: {image: nginx}`).join('\n')}\n`,
  });
  const r = runCli(['--format', 'json', '--fail-on', 'none', '--profile', 'strict', 'compose.yaml'], dir);
  assert.equal(r.status, 0, r.stderr.slice(0, 500));
  assert.ok(parseJson(r).findings.length >= 140_000);
});

test('a .env of 100,000 line breaks then x: parsed in bounded time', () => {
  const dir = tempTree({ '.env': `${'\n'.repeat(100_000)}x`, 'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG:-1.25}\n' });
  const t0 = performance.now();
  const report = json(['.'], dir);
  const ms = performance.now() - t0;
  assert.ok(ms < 20_000, `took ${ms} ms`);
  assert.ok(report.findings.some((f) => f.rule === 'image-no-digest'));
});

test('.env values follow Compose (its documented examples)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['VAR=VAL', 'VAL'],
    ['VAR="VAL"', 'VAL'],
    ["VAR='VAL'", 'VAL'],
    ['VAR=VAL # comment', 'VAL'],
    ['VAR=VAL# not a comment', 'VAL# not a comment'],
    ['VAR="VAL # not a comment"', 'VAL # not a comment'],
    ['VAR="VAL" # comment', 'VAL'],
    ["VAR='$OTHER'", '$OTHER'],
    ["VAR='${OTHER}'", '${OTHER}'],
    ["VAR='Let\\'s go!'", "Let's go!"],
    ['VAR="{\\"hello\\": \\"json\\"}"', '{"hello": "json"}'],
    ['VAR="some\\tvalue"', 'some\tvalue'],
    ["VAR='some\\tvalue'", 'some\\tvalue'],
    ['VAR=some\\tvalue', 'some\\tvalue'],
    ['export VAR=2', '2'],
    ['  export\tVAR=2', '2'],
    ['VAR: yaml-style', 'yaml-style'],
    ['VAR = spaced ', 'spaced'],
    ['VAR="a\\0123b"', 'aSb'],
    ['VAR="line1\nline2"', 'line1\nline2'],
    ['OTHER=x\nVAR=${OTHER}_${OTHER:-d}', 'x_x'],
    ['VAR=${NOT_SET}', undefined],
    ['VAR="\\$OTHER"', '$OTHER'],
    ['\uFEFFVAR=bom', 'bom'],
  ];
  for (const [text, want] of cases) assert.equal(parseDotenv(text).values.get('VAR'), want, JSON.stringify(text));
  // The process environment wins inside .env expansions, as in Compose.
  const r = parseDotenv('OPTION_A=1\nOPTION_B=${OPTION_A}\nINHERITED\n', (n) => ({ OPTION_A: '5', INHERITED: 'os' })[n]);
  assert.deepEqual(
    [...r.values],
    [
      ['OPTION_A', '1'],
      ['OPTION_B', '5'],
      ['INHERITED', 'os'],
    ],
  );
  assert.deepEqual([...r.fromProcess].sort(), ['INHERITED', 'OPTION_B']);
  // Errors stop the file where Compose stops it; values above stay.
  const bad = parseDotenv('A=1\nKEY WITH SPACE=2\nB=3\n');
  assert.deepEqual([...bad.values.keys()], ['A']);
  assert.equal(bad.error?.line, 2);
});

test('--baseline naming /dev/zero, a FIFO, a folder or a huge file: a usage error at once', () => {
  const dir = tempTree({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n' });
  execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
  for (const baseline of ['/dev/zero', 'fifo.json', 'zero.json', '.']) {
    const t0 = performance.now();
    const r = runCli(['--baseline', baseline], dir);
    assert.equal(r.status, 2, `${baseline}: ${r.stderr}`);
    assert.ok(performance.now() - t0 < 20_000);
    assert.match(r.stderr, /not a regular file|symbolic link/);
  }
  const r = runCli(['--config', 'fifo.json'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a regular file/);
});

test('--baseline or --config through a symbolic link out of the workspace: refused, the target never quoted', () => {
  const root = tempTree({ 'secret.txt': 'root:$6$SECRETHASH:19000:0:99999:7:::\n' });
  const ws = path.join(root, 'ws');
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.25\n');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(ws, 'baseline.json'));
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(ws, 'config.yaml'));
  for (const args of [
    ['--baseline', 'baseline.json'],
    ['--config', 'config.yaml'],
  ]) {
    const r = runCli(args, ws);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /symbolic link/);
    assert.ok(!/SECRETHASH|root:/.test(r.stderr + r.stdout), r.stderr);
  }
  // A file that is not a baseline is not quoted either.
  fs.writeFileSync(path.join(ws, 'notes.json'), 'SECRETHASH is not JSON');
  const r = runCli(['--baseline', 'notes.json'], ws);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a Dockwarden baseline/);
  assert.ok(!r.stderr.includes('SECRETHASH'), r.stderr);
});

test('--fix and --update-baseline never write through a symbolic link out of the workspace', () => {
  const root = tempTree({
    'target/compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n',
    'target/base.json': 'keep\n',
  });
  const ws = path.join(root, 'ws');
  fs.mkdirSync(ws);
  fs.symlinkSync(path.join(root, 'target', 'compose.yaml'), path.join(ws, 'compose.yaml'));
  fs.writeFileSync(path.join(ws, 'local-compose.yaml'), 'services:\n  db:\n    image: redis:7\n    privileged: true\n');
  const fix = runCli(['--fix', '--unsafe-fixes', '.'], ws);
  assert.equal(fix.status, 2, fix.stderr);
  assert.match(fix.stderr, /Cannot write compose\.yaml: it is a symbolic link to .*target\/compose\.yaml/);
  assert.match(fs.readFileSync(path.join(root, 'target', 'compose.yaml'), 'utf8'), /privileged: true/, 'the outside file is unchanged');
  assert.doesNotMatch(fs.readFileSync(path.join(ws, 'local-compose.yaml'), 'utf8'), /privileged/, 'the file inside is fixed');

  fs.symlinkSync(path.join(root, 'target', 'base.json'), path.join(ws, 'baseline.json'));
  const update = runCli(['--baseline', 'baseline.json', '--update-baseline'], ws);
  assert.equal(update.status, 2, update.stderr);
  assert.equal(fs.readFileSync(path.join(root, 'target', 'base.json'), 'utf8'), 'keep\n');

  // init: a dangling link where the config would go is not written through.
  const initDir = path.join(root, 'init');
  fs.mkdirSync(initDir);
  fs.symlinkSync(path.join(root, 'created-by-init'), path.join(initDir, '.dockwarden.yaml'));
  const init = runCli(['init', 'init'], root);
  assert.notEqual(init.status, 0);
  assert.ok(!fs.existsSync(path.join(root, 'created-by-init')));
});

test('a value from the process environment never reaches JSON or SARIF in full; the .env file is documented text', () => {
  const dir = tempTree({
    '.env': 'TAG=${CI_TOKEN}-build\n',
    'compose.yaml': 'services:\n  web:\n    image: alpine:${CI_TOKEN}\n  api:\n    image: registry.example/api:${TAG}\n',
  });
  const env = { CI_TOKEN: 'ghp_0123456789abcdef' };
  for (const format of ['json', 'sarif', 'text']) {
    const r = runCli(['--format', format, '--fail-on', 'none', '.'], dir, env);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.includes('ghp_0123456789abcdef'), `${format}: ${r.stdout.slice(0, 2000)}`);
    assert.match(r.stdout, /\$\{CI_TOKEN\}/);
    assert.match(r.stdout, /\$\{TAG\}/);
  }
});

test('the fix of tls-verification-disabled in an exec-form RUN leaves valid JSON', () => {
  const dir = tempTree({
    Dockerfile:
      'FROM debian:12.5\nRUN ["curl", "-k", "https://x.example/a"]\nRUN ["curl", "https://x.example/a", "--insecure"]\n' +
      'RUN ["pip", "install", "--trusted-host", "pypi.example", "x"]\nUSER 10001\n',
  });
  // These fixes are unsafe (a check turned off because it failed fails again): asked for explicitly.
  const r = runCli(['--fix', '--unsafe-fixes', 'Dockerfile'], dir);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  const arrays = text.split('\n').filter((l) => l.startsWith('RUN ['));
  assert.deepEqual(
    arrays.map((l) => JSON.parse(l.slice(4))),
    [
      ['curl', 'https://x.example/a'],
      ['curl', 'https://x.example/a'],
      ['pip', 'install', 'x'],
    ],
  );
  assert.ok(!json(['Dockerfile'], dir).findings.some((f) => f.rule === 'tls-verification-disabled'));
});

test('a keep-chomping block scalar at the end of the file keeps its trailing lines through a fix', () => {
  const text = 'services:\n  web:\n    image: nginx:1.25\n    command: |+\n      echo hi\n\n\n';
  const dir = tempTree({ 'compose.yaml': text });
  // pids_limit, added at the end of the service, is an unsafe fix.
  const r = runCli(['--fix', '--unsafe-fixes', 'compose.yaml'], dir);
  assert.equal(r.status, 0, r.stderr);
  const fixed = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
  assert.notEqual(fixed, text);
  const value = (t: string) => (parseDocument(t).toJS() as { services: { web: { command: string } } }).services.web.command;
  assert.equal(value(fixed), 'echo hi\n\n\n', fixed);
});
