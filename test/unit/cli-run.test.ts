import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture, FIXTURES, parseJson, REPO, runCli } from './cli-helpers';

test('json output has exactly the documented shape, 1-based positions and every linted file', () => {
  const run = runCli(['--format', 'json', 'project'], FIXTURES);
  const report = parseJson(run);
  assert.deepEqual(Object.keys(report), ['version', 'files', 'findings']);
  assert.equal(report.version, 1);
  assert.deepEqual(report.files, [
    'project/api/Dockerfile',
    'project/docker-compose.yml',
    'project/nested/.gitlab-ci.yml',
    'project/nested/deeper/stack.yaml',
  ]);
  assert.ok(report.findings.length > 0, 'the fixture has findings');
  for (const f of report.findings) {
    const keys = ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'services', 'fixable'];
    assert.deepEqual(Object.keys(f), f.fixable ? [...keys, 'fix'] : keys);
    assert.ok(report.files.includes(f.file), f.file);
    assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line);
    assert.equal(typeof f.fixable, 'boolean');
    assert.ok(Array.isArray(f.services));
    if (f.fix) assert.ok(['safe', 'unsafe'].includes(f.fix.safety) && f.fix.edits.length > 0 && f.fix.edits.every((e: any) => e.line >= 1));
  }
  // `privileged: true` is on line 5, the value starts in column 17.
  const priv = report.findings.find((f) => f.rule === 'privileged');
  assert.deepEqual(priv && [priv.file, priv.line, priv.column, priv.endColumn, priv.severity, priv.fixable], [
    'project/docker-compose.yml',
    5,
    17,
    21,
    'error',
    true,
  ]);
  assert.equal(run.status, 1);
});

test('folders: nested dirs searched, node_modules/.git and config ignores skipped, non-compose YAML ignored', () => {
  const dir = copyFixture('project');
  fs.mkdirSync(path.join(dir, 'node_modules/pkg'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules/pkg/docker-compose.yml'), 'services:\n  x:\n    image: a\n');
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, '.git/compose.yml'), 'services:\n  x:\n    image: a\n');
  fs.symlinkSync('..', path.join(dir, 'nested/loop'));
  const report = parseJson(runCli(['--format', 'json'], dir));
  assert.deepEqual(report.files, ['api/Dockerfile', 'docker-compose.yml', 'nested/.gitlab-ci.yml', 'nested/deeper/stack.yaml']);
});

test('a file named explicitly is linted whatever its name; one that is no container file is not listed', () => {
  const report = parseJson(runCli(['--format', 'json', 'odd/services.conf', 'odd/notes.txt'], FIXTURES));
  assert.deepEqual(report.files, ['odd/services.conf']);
  assert.ok(report.findings.some((f) => f.rule === 'privileged' && f.file === 'odd/services.conf'));
});

test('a file that cannot be parsed gives parse-error and the other files are still linted', () => {
  const run = runCli(['--format', 'json', 'broken'], FIXTURES);
  const report = parseJson(run);
  assert.deepEqual(report.files, ['broken/compose.good.yml', 'broken/docker-compose.yml']);
  assert.ok(report.findings.some((f) => f.rule === 'parse-error' && f.file === 'broken/docker-compose.yml'));
  assert.ok(report.findings.some((f) => f.rule === 'privileged' && f.file === 'broken/compose.good.yml'));
  assert.equal(run.status, 1);
  assert.equal(run.stderr, '');
});

test('exit codes: 0 below --fail-on, 1 at it, none never fails, hints never fail', () => {
  // config/ has one warning (image-unpinned) and one error (host-network raised to error by its config).
  assert.equal(runCli(['config'], FIXTURES).status, 1);
  assert.equal(runCli(['--fail-on', 'error', 'config'], FIXTURES).status, 1);
  assert.equal(runCli(['--fail-on', 'none', 'config'], FIXTURES).status, 0);
  const dir = copyFixture('config');
  fs.writeFileSync(path.join(dir, '.dockwarden.yaml'), 'rules:\n  "*": off\n  image-unpinned: info\n  host-network: hint\n');
  const report = parseJson(runCli(['--format', 'json', '--fail-on', 'info', '.'], dir));
  assert.deepEqual(
    report.findings.map((f) => `${f.rule}:${f.severity}`),
    ['image-unpinned:info', 'host-network:hint'],
  );
  assert.equal(runCli(['--fail-on', 'info'], dir).status, 1);
  assert.equal(runCli(['--fail-on', 'warning'], dir).status, 0);
  fs.writeFileSync(path.join(dir, '.dockwarden.yaml'), 'rules:\n  "*": off\n  host-network: hint\n');
  assert.equal(runCli(['--fail-on', 'info'], dir).status, 0, 'a hint does not reach info');
});

test('usage errors exit 2 with a clear message on stderr', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--format', 'xml'], /Invalid value 'xml' for --format: expected one of text, json, sarif/],
    [['--fail-on'], /--fail-on needs a value/],
    [['does-not-exist'], /No such file or folder: does-not-exist/],
    [['--config', 'missing.yaml', 'project'], /No such file or folder: missing.yaml/],
    [['--update-baseline'], /--update-baseline needs --baseline <file>/],
    [['odd/notes.txt'], /No Compose files, Dockerfiles or other container settings under odd\/notes\.txt/],
  ];
  for (const [args, message] of cases) {
    const run = runCli(args, FIXTURES);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
});

test('text format: one `path:line:col severity rule message` line per finding, then a summary', () => {
  const run = runCli(['project/docker-compose.yml'], FIXTURES);
  const lines = run.stdout.trimEnd().split('\n');
  const summary = lines.pop()!;
  assert.match(summary, /^\d+ problems \(\d+ errors?, \d+ warnings?, \d+ info(, \d+ hints?)?\) in 1 file$/);
  assert.ok(lines.length > 0);
  for (const l of lines) assert.match(l, /^project\/docker-compose\.yml:\d+:\d+ (error|warning|info|hint) [a-z-]+ \S.*$/);
  assert.ok(lines.includes(lines.find((l) => l.startsWith('project/docker-compose.yml:5:17 error privileged '))!));
  assert.doesNotMatch(run.stdout, /\x1b\[/, 'no colours when not a terminal');
});

test('--lang ja (and LANG=ja_JP.UTF-8) gives Japanese messages and summary', () => {
  const byFlag = runCli(['--lang', 'ja', 'project/docker-compose.yml'], FIXTURES);
  const byEnv = runCli(['project/docker-compose.yml'], FIXTURES, { LANG: 'ja_JP.UTF-8' });
  for (const run of [byFlag, byEnv]) {
    assert.match(run.stdout, /件の問題/);
    const priv = run.stdout.split('\n').find((l) => l.includes(' privileged '));
    assert.ok(priv && /[\u3040-\u30ff\u4e00-\u9fff]/.test(priv), `Japanese message: ${priv}`);
  }
  assert.match(runCli(['--lang', 'ja', '--bogus'], FIXTURES).stderr, /不明なオプション/);
  assert.doesNotMatch(runCli(['project/docker-compose.yml'], FIXTURES, { LANG: 'ja_JP.UTF-8', LC_ALL: 'C' }).stdout, /件の問題/);
});

test('config errors print path:line:col error config-error and exit 2', () => {
  const dir = copyFixture('config');
  fs.writeFileSync(path.join(dir, '.dockwarden.yaml'), 'rules:\n  host-network: error\nrule:\n  privileged: off\n');
  const run = runCli(['.'], dir);
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trim(), ".dockwarden.yaml:3:1 error config-error Unknown key 'rule' (did you mean 'rules'?)");
});

test('--config names the config; its ignore globs are relative to the working directory', () => {
  const dir = copyFixture('project');
  fs.writeFileSync(path.join(dir, 'other.yaml'), 'ignore:\n  - nested\nrules:\n  "*": off\n  privileged: warning\n');
  const report = parseJson(runCli(['--format', 'json', '--config', 'other.yaml'], dir));
  assert.deepEqual(report.files, ['api/Dockerfile', 'docker-compose.yml', 'ignored-by-config/docker-compose.yml']);
  assert.deepEqual([...new Set(report.findings.map((f) => `${f.rule}:${f.severity}`))], ['privileged:warning']);
});

test('init writes a starter config that loads cleanly and refuses to overwrite it', () => {
  const dir = copyFixture('odd');
  const first = runCli(['init'], dir);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /\.dockwarden\.yaml/);
  const text = fs.readFileSync(path.join(dir, '.dockwarden.yaml'), 'utf8');
  assert.match(text, /^# /m);
  assert.equal(runCli(['services.conf'], dir).status, 1, 'lints with the new config, no config error');
  const again = runCli(['init'], dir);
  assert.equal(again.status, 2, 'a usage error, not findings');
  assert.match(again.stderr, /already exists/);
  assert.equal(fs.readFileSync(path.join(dir, '.dockwarden.yaml'), 'utf8'), text);
});

test('--help and --version', () => {
  const help = runCli(['--help'], FIXTURES);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--fail-on none\|info\|warning\|error/);
  const version = runCli(['--version'], FIXTURES);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), pkg.version);
});

test('the bundled bin (dist/cli.js) runs', { skip: !fs.existsSync(path.join(REPO, 'dist/cli.js')) && 'dist/ not built' }, () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/dockwarden.js'), '--format', 'json', 'project'], {
    cwd: FIXTURES,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.ok((JSON.parse(r.stdout) as { files: string[] }).files.includes('project/docker-compose.yml'));
});

test('nothing to lint exits 2 (a mistyped CI path must not pass), unless --allow-empty', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-empty-'));
  fs.writeFileSync(path.join(empty, 'README.md'), '# nothing here\n');
  const run = runCli(['.'], empty);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /No Compose files, Dockerfiles or other container settings under \./);
  const allowed = runCli(['--allow-empty', '.'], empty);
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.match(allowed.stdout, /0 problems/);
  const verbose = runCli(['--verbose', '--allow-empty', '.'], empty);
  assert.match(verbose.stderr, /skipped README\.md: not a file Dockwarden lints/);
});

test('a file named like a Dockerfile is linted when named, and its content decides in a folder walk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-named-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile.j2'), '{% for x in items %}\nRUN echo {{ x }}\n{% endfor %}\n');
  fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
  const walked = parseJson(runCli(['--format', 'json', '.'], dir));
  assert.deepEqual(walked.files, ['compose.yaml']);
  const named = parseJson(runCli(['--format', 'json', 'Dockerfile.j2'], dir));
  assert.deepEqual(
    named.findings.map((f) => f.rule),
    ['parse-error'],
  );
});

test('a value several services inherit is reported once, naming every one of them in text and JSON', () => {
  const json = parseJson(runCli(['--format', 'json', 'compose/anchors.yml'], path.join(REPO, 'test', 'fixtures')));
  const shared = json.findings.filter((f: any) => f.services.length > 1);
  assert.deepEqual(
    shared.map((f: any) => [f.rule, f.services]),
    [['cap-add-dangerous', ['web', 'worker']]],
  );
  const text = runCli(['compose/anchors.yml'], path.join(REPO, 'test', 'fixtures')).stdout;
  assert.match(text, /cap-add-dangerous Service 'web' adds SYS_ADMIN.*\(also inherited by worker\)$/m);
});

test(
  'a reader that goes away (dockwarden | head) ends the run quietly, with the status its findings give',
  { skip: !fs.existsSync(path.join(REPO, 'dist/cli.js')) && 'dist/ not built' },
  async () => {
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const child = spawn(process.execPath, [path.join(REPO, 'bin/dockwarden.js'), '--format', 'json', 'project'], {
      cwd: FIXTURES,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the CLI writes anything: its first write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(stderr, '');
    assert.equal(status, 1, 'the fixture has findings at warning or above');
  },
);
