import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { Finding } from '../../shared-rules/src/rule';
import { allRules } from '../../shared-rules/src/rules';
import { engineRules } from '../../shared-rules/src/meta';
import { FINGERPRINT_KEY, toSarif } from '../../server/src/cli/sarif';
import { copyFixture, FIXTURES, runCli } from './cli-helpers';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus-realworld');

/** The official SARIF 2.1.0 schema (rtm.5, the final one), as @microsoft/jest-sarif ships it; draft-04 → Ajv 8. */
function sarifValidator() {
  const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  const validate = ajv.compile(schema);
  return (log: unknown) => {
    const ok = validate(log);
    assert.ok(ok, `not valid SARIF 2.1.0: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
  };
}

const range = (l: number, c: number, l2: number, c2: number) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });

function synthetic(): { findings: Finding[]; text: string } {
  const text = 'services:\n  web:\n    image: nginx\n    privileged: true\n';
  const findings: Finding[] = [
    {
      rule: 'privileged',
      severity: 'error',
      message: 'runs privileged',
      at: { file: 'dir/docker compose.yml', range: range(3, 16, 3, 20) },
      fixable: true,
      fix: {
        title: 'Remove privileged: true',
        edits: [{ file: 'dir/docker compose.yml', range: range(3, 0, 4, 0), newText: '' }],
        safety: 'unsafe',
      },
      related: [{ message: 'inherited', source: { file: 'dir/docker compose.yml', range: range(1, 2, 1, 5) } }],
    },
    { rule: 'image-no-digest', severity: 'hint', message: 'no digest', at: { file: 'dir/docker compose.yml', range: range(2, 11, 2, 16) } },
    { rule: 'not-a-known-rule', severity: 'info', message: 'x', at: { file: '/elsewhere/Dockerfile', range: range(0, 0, 0, 4) } },
  ];
  return { findings, text };
}

test('synthetic findings make a valid SARIF 2.1.0 log with rules, regions, fixes and fingerprints', () => {
  const validate = sarifValidator();
  const { findings, text } = synthetic();
  const log = toSarif(findings, { version: '1.2.3', cwd: '/work/proj', locale: 'en', textOf: () => text }) as any;
  validate(log);
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run.tool.driver.name, 'Dockwarden');
  assert.equal(run.tool.driver.version, '1.2.3');
  assert.deepEqual(
    run.tool.driver.rules.map((r: any) => r.id),
    [...allRules.map((r) => r.id), ...engineRules.map((r) => r.id)],
  );
  for (const r of run.tool.driver.rules) {
    assert.ok(r.name && r.name !== r.id && r.shortDescription.text && r.fullDescription.text && r.helpUri.endsWith(`${r.id}.md`), r.id);
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level));
  }
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/proj/' } });
  const [priv, hint, unknown] = run.results;
  assert.equal(priv.ruleId, 'privileged');
  assert.equal(run.tool.driver.rules[priv.ruleIndex].id, 'privileged');
  assert.equal(priv.level, 'error');
  assert.deepEqual(priv.locations[0].physicalLocation, {
    artifactLocation: { uri: 'dir/docker%20compose.yml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 4, startColumn: 17, endLine: 4, endColumn: 21 },
  });
  assert.deepEqual(priv.fixes[0].artifactChanges[0].replacements[0], {
    deletedRegion: { startLine: 4, startColumn: 1, endLine: 5, endColumn: 1 },
    insertedContent: { text: '' },
  });
  assert.equal(hint.level, 'note');
  assert.equal(hint.fixes, undefined);
  assert.match(priv.partialFingerprints[FINGERPRINT_KEY], /^[0-9a-f]{32}$/);
  assert.equal(unknown.ruleIndex, undefined);
  assert.equal(unknown.locations[0].physicalLocation.artifactLocation.uri, 'file:///elsewhere/Dockerfile');
});

test('Japanese rule titles with --lang ja', () => {
  const log = toSarif([], { version: '1', cwd: '/w', locale: 'ja', textOf: () => '' }) as any;
  const priv = log.runs[0].tool.driver.rules.find((r: any) => r.id === 'privileged');
  assert.match(priv.shortDescription.text, /[\u3040-\u30ff\u4e00-\u9fff]/);
  assert.match(priv.name, /^[A-Za-z]+$/, 'the name stays an identifier');
});

test('fingerprints stay the same when a blank line is inserted above, and differ between identical lines', () => {
  const text = 'services:\n  a:\n    privileged: true\n  b:\n    privileged: true\n';
  const shifted = '\n' + text;
  const at = (line: number) => ({
    rule: 'privileged',
    severity: 'error' as const,
    message: 'm',
    at: { file: 'c.yml', range: range(line, 16, line, 20) },
  });
  const prints = (t: string, offset: number) =>
    (toSarif([at(2 + offset), at(4 + offset)], { version: '1', cwd: '/w', locale: 'en', textOf: () => t }) as any).runs[0].results.map(
      (r: any) => r.partialFingerprints[FINGERPRINT_KEY],
    );
  const before = prints(text, 0);
  assert.deepEqual(prints(shifted, 1), before);
  assert.notEqual(before[0], before[1]);
});

test('CLI --format sarif on the fixtures is valid and stable under a blank line inserted above', () => {
  const validate = sarifValidator();
  const dir = copyFixture('project');
  const run = runCli(['--format', 'sarif'], dir);
  const log = JSON.parse(run.stdout);
  validate(log);
  const results = log.runs[0].results as any[];
  assert.ok(results.some((r) => r.ruleId === 'privileged' && r.fixes?.length === 1));
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, '\n' + fs.readFileSync(file, 'utf8'));
  const after = JSON.parse(runCli(['--format', 'sarif'], dir).stdout).runs[0].results as any[];
  const key = (r: any) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri} ${r.partialFingerprints[FINGERPRINT_KEY]}`;
  assert.deepEqual(after.map(key).sort(), results.map(key).sort());
  const lineOf = (rs: any[]) => rs.find((r) => r.ruleId === 'privileged').locations[0].physicalLocation.region.startLine;
  assert.equal(lineOf(after), lineOf(results) + 1);
  validate(JSON.parse(runCli(['--format', 'sarif', 'broken'], FIXTURES).stdout));
});

test('SARIF over the real-world corpus is valid', { skip: !fs.existsSync(CORPUS) && `corpus not found at ${CORPUS}` }, () => {
  const validate = sarifValidator();
  const run = runCli(['--format', 'sarif', '--fail-on', 'none', '.'], CORPUS);
  assert.equal(run.status, 0, run.stderr);
  const log = JSON.parse(run.stdout);
  validate(log);
  assert.ok(log.runs[0].results.length > 100);
});

/** The SARIF multitool (a .NET program, ~100 MB) is not a dependency; point DOCKWARDEN_SARIF_MULTITOOL at its binary. */
function multitool(): string | undefined {
  const fromEnv = process.env.DOCKWARDEN_SARIF_MULTITOOL;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  try {
    return require('@microsoft/sarif-multitool') as string;
  } catch {
    return undefined;
  }
}

test(
  'the SARIF multitool validates the output without errors or warnings',
  { skip: !multitool() && 'SARIF multitool not installed (set DOCKWARDEN_SARIF_MULTITOOL)' },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-sarif-'));
    const input = path.join(dir, 'in.sarif');
    const output = path.join(dir, 'out.sarif');
    fs.writeFileSync(input, runCli(['--format', 'sarif', 'project', 'broken'], FIXTURES).stdout);
    const r = spawnSync(multitool()!, ['validate', input, '-o', output, '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const problems = (JSON.parse(fs.readFileSync(output, 'utf8')).runs[0].results ?? []) as any[];
    assert.deepEqual(
      problems.map((p) => `${p.ruleId}: ${p.message?.text ?? JSON.stringify(p.message?.arguments)}`),
      [],
    );
  },
);
