import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { unifiedDiff } from '../../server/src/cli/diff';
import { applyEdits } from '../../server/src/text/edits';
import { formatBaseline } from '../../server/src/cli/baseline';
import { copyFixture, parseJson, runCli } from './cli-helpers';

test('baseline: update exits 0 and hides recorded findings, even when lines shift; a new finding fails', () => {
  const dir = copyFixture('project');
  const update = runCli(['--baseline', 'baseline.json', '--update-baseline'], dir);
  assert.equal(update.status, 0, update.stderr);
  const recorded = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
  assert.ok(recorded.findings.length > 0);
  assert.deepEqual(Object.keys(recorded.findings[0]), ['file', 'rule', 'fingerprint']);
  assert.equal(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8'), formatBaseline(recorded.findings), 'stable, sorted output');

  assert.equal(runCli(['--baseline', 'baseline.json'], dir).status, 0);
  const compose = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(compose, '\n\n' + fs.readFileSync(compose, 'utf8'));
  const shifted = parseJson(runCli(['--format', 'json', '--baseline', 'baseline.json'], dir));
  assert.deepEqual(shifted.findings, []);

  fs.appendFileSync(compose, '  extra:\n    image: redis:7\n    privileged: true\n');
  const run = runCli(['--format', 'json', '--baseline', 'baseline.json'], dir);
  assert.equal(run.status, 1);
  const report = parseJson(run);
  assert.ok(report.findings.some((f) => f.rule === 'privileged' && f.line === 12));
  assert.ok(!report.findings.some((f) => f.rule === 'privileged' && f.line === 7), 'the recorded one stays hidden');

  // The same baseline works from another working directory (paths are relative to the baseline file).
  fs.mkdirSync(path.join(dir, 'sub'));
  const fromSub = parseJson(runCli(['--format', 'json', '--baseline', '../baseline.json', '..'], path.join(dir, 'sub')));
  assert.deepEqual(
    fromSub.findings.map((f) => f.line),
    report.findings.map((f) => f.line),
  );
});

test('baseline: an unreadable baseline is a usage error', () => {
  const dir = copyFixture('project');
  fs.writeFileSync(path.join(dir, 'bad.json'), '{ nope');
  assert.equal(runCli(['--baseline', 'bad.json'], dir).status, 2);
  assert.equal(runCli(['--baseline', 'missing.json'], dir).status, 2);
});

test('--fix applies fixes on disk; the result parses and the findings are gone', () => {
  const dir = copyFixture('project');
  const file = path.join(dir, 'docker-compose.yml');
  // More services: fixes in different services go in the same pass, and must not interfere.
  fs.appendFileSync(file, '  db:\n    image: postgres:16\n    privileged: true\n  cache: {image: "redis:7"}\n');
  const before = parseJson(runCli(['--format', 'json', 'docker-compose.yml'], dir));
  assert.ok(before.findings.some((f) => f.rule === 'privileged'));
  // Removing privileged (2) and adding pids_limit (3) are unsafe: plain --fix leaves them and says so.
  const safeOnly = runCli(['--fix', 'docker-compose.yml'], dir);
  assert.match(safeOnly.stdout, /^Nothing to fix\.\n5 unsafe fixes were not applied .*add --unsafe-fixes\.$/m);
  assert.ok(parseJson(runCli(['--format', 'json', 'docker-compose.yml'], dir)).findings.some((f) => f.rule === 'privileged'));
  const run = runCli(['--fix', '--unsafe-fixes', 'docker-compose.yml'], dir);
  assert.match(run.stdout, /docker-compose\.yml: fixed privileged \(/);
  const text = fs.readFileSync(file, 'utf8');
  assert.equal(parseDocument(text).errors.length, 0, text);
  assert.match(text, /^# A small project with a few risks\.$/m, 'comments survive');
  const after = parseJson(runCli(['--format', 'json', 'docker-compose.yml'], dir));
  assert.ok(!after.findings.some((f) => f.fixable), JSON.stringify(after.findings.filter((f) => f.fixable)));
  assert.ok(!after.findings.some((f) => f.rule === 'privileged'));
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
    'no temp files left',
  );
});

test('--fix skips rules turned off with fixes: {id: false}', () => {
  const dir = copyFixture('project');
  fs.appendFileSync(path.join(dir, '.dockwarden.yaml'), 'fixes:\n  privileged: false\n');
  runCli(['--fix', '--unsafe-fixes', 'docker-compose.yml'], dir);
  const after = parseJson(runCli(['--format', 'json', 'docker-compose.yml'], dir));
  // Every other fixable finding is fixed; privileged stays, and its fix is not offered.
  assert.deepEqual(
    after.findings.filter((f) => f.fixable).map((f) => f.rule),
    [],
  );
  assert.ok(after.findings.some((f) => f.rule === 'privileged'));
});

test('--fix --dry-run prints a unified diff and leaves the file alone', () => {
  const dir = copyFixture('project');
  const file = path.join(dir, 'docker-compose.yml');
  const original = fs.readFileSync(file, 'utf8');
  const run = runCli(['--fix', '--unsafe-fixes', '--dry-run', '--format', 'json', 'docker-compose.yml'], dir);
  assert.equal(run.status, 0);
  assert.equal(fs.readFileSync(file, 'utf8'), original);
  assert.match(run.stdout, /^--- a\/docker-compose\.yml\n\+\+\+ b\/docker-compose\.yml\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
  assert.match(run.stdout, /^- {4}privileged: true$/m);
  assert.match(run.stderr, /would fix privileged/);
});

test('unifiedDiff: hunks with context, counts and a missing final newline', () => {
  assert.equal(unifiedDiff('a', 'b', 'x\n', 'x\n'), '');
  assert.equal(
    unifiedDiff('a/f', 'b/f', '1\n2\n3\n4\n5\n6\n7\n8\n9\n', '1\n2\n3\n4\nfive\n6\n7\n8\n9\n'),
    '--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n',
  );
  assert.equal(unifiedDiff('a/f', 'b/f', 'a\n', 'a\nb'), '--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n');
  assert.equal(unifiedDiff('a/f', 'b/f', '', 'new\n'), '--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+new\n');
});

test('applyEdits: positions refer to the original text; overlapping edits are refused; CRLF kept', () => {
  const r = (l: number, c: number, l2: number, c2: number) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
  assert.equal(
    applyEdits('ab\r\ncd\r\n', [
      { range: r(1, 0, 1, 1), newText: 'X' },
      { range: r(0, 2, 0, 2), newText: '!' },
    ]),
    'ab!\r\nXd\r\n',
  );
  assert.equal(
    applyEdits('abc', [
      { range: r(0, 0, 0, 2), newText: '' },
      { range: r(0, 1, 0, 3), newText: '' },
    ]),
    undefined,
  );
  assert.equal(
    applyEdits('a\n', [
      { range: r(0, 1, 0, 1), newText: '1' },
      { range: r(0, 1, 0, 1), newText: '2' },
    ]),
    'a12\n',
  );
});
