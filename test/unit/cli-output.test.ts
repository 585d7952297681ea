import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli as runInProcess } from '../../server/src/cli/run';
import { Analysis } from '../../server/src/analysis';
import type { FrontEnd } from '../../server/src/analysis/frontend';
import { formatText, reachesFailOn } from '../../server/src/cli/format';
import { cliTexts } from '../../server/src/cli/texts';
import type { Finding } from '../../shared-rules/src/rule';
import { FIXTURES } from './cli-helpers';

function capture(isTTY: boolean) {
  let out = '';
  let err = '';
  return {
    io: {
      cwd: FIXTURES,
      env: {},
      stdout: { isTTY, write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    },
    out: () => out,
    err: () => err,
  };
}

test('on a terminal, text output is grouped by file with colours; --no-color removes them', () => {
  const c = capture(true);
  assert.equal(runInProcess(['project/docker-compose.yml'], c.io), 1);
  const lines = c.out().split('\n');
  assert.match(lines[0], /project\/docker-compose\.yml/);
  assert.match(c.out(), /\x1b\[31merror/);
  assert.match(c.out(), /^ {2}\S*5:17/m);
  const plain = capture(true);
  runInProcess(['--no-color', 'project/docker-compose.yml'], plain.io);
  assert.doesNotMatch(plain.out(), /\x1b\[/);
  assert.match(plain.out(), /^project\/docker-compose\.yml$/m);
  assert.match(plain.out(), /^ {2}5:17 +error +.*privileged$/m);
});

test('an unexpected exception while linting one file becomes internal-error for that file; so does a missing file', () => {
  const analysis = new Analysis();
  const compose = analysis.frontEnd<FrontEnd>('compose')!;
  compose.load = () => {
    throw new Error('boom');
  };
  const file = path.join(FIXTURES, 'odd/services.conf');
  const { findings } = analysis.lint(file, { kind: 'compose' });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.at.file, f.message]),
    [['internal-error', file, 'Dockwarden failed on this file: boom']],
  );
  assert.deepEqual(
    analysis.lint('/nope.yml', { kind: 'compose' }).findings.map((f) => f.rule),
    ['internal-error'],
  );
});

test('summary line counts by severity, in English and Japanese', () => {
  const at = { file: 'f', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const f = (severity: Finding['severity']): Finding => ({ rule: 'r', severity, message: 'm', at });
  const findings = [f('error'), f('warning'), f('warning'), f('info'), f('hint')];
  const en = formatText(findings, { pretty: false, color: false, texts: cliTexts('en'), fileCount: 2 })
    .trimEnd()
    .split('\n')
    .pop();
  assert.equal(en, '5 problems (1 error, 2 warnings, 1 info, 1 hint) in 2 files');
  const ja = formatText(findings, { pretty: false, color: false, texts: cliTexts('ja'), fileCount: 2 })
    .trimEnd()
    .split('\n')
    .pop();
  assert.equal(ja, '5 件の問題 (エラー 1 件、警告 2 件、情報 1 件、ヒント 1 件) / 2 ファイル');
  assert.equal(
    formatText([], { pretty: false, color: false, texts: cliTexts('en'), fileCount: 1 }),
    '0 problems (0 errors, 0 warnings, 0 info) in 1 file\n',
  );
});

test('fail-on ranks: hint < info < warning < error; none never fails', () => {
  const at = { file: 'f', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const f = (severity: Finding['severity']): Finding => ({ rule: 'r', severity, message: 'm', at });
  const table = (['hint', 'info', 'warning', 'error'] as const).map((s) =>
    (['none', 'info', 'warning', 'error'] as const).map((level) => (reachesFailOn(f(s), level) ? 1 : 0)).join(''),
  );
  assert.deepEqual(table, ['0000', '0100', '0110', '0111']);
});

test('a file over the size limit (1 MB unless configured) is reported as file-too-large, not read', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-large-'));
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, `services:\n  a:\n    privileged: true\n${'#'.repeat(1024 * 1024)}\n`);
  const findings = new Analysis().lint(file).findings;
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity]),
    [['file-too-large', 'warning']],
  );
  fs.writeFileSync(path.join(dir, '.dockwarden.yaml'), 'maxFileSizeKb: 2048\n');
  assert.ok(new Analysis().lint(file).findings.some((f) => f.rule === 'privileged'));
});
