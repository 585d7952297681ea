import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintParsed } from '../../shared-rules/src/engine';
import type { ContainerSpec, ParsedFile, Rule } from '../../shared-rules/src';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };

function container(name: string): ContainerSpec {
  return {
    origin: 'compose',
    name,
    file: 'f.yml',
    declaration: { file: 'f.yml', range },
    extent: range,
    capAdd: [],
    capDrop: [],
    securityOpt: [],
    devices: [],
    mounts: [],
    ports: [],
    limits: {},
    environment: [],
    dependsOn: [],
  };
}

test('a rule that throws is reported once as internal-error and other rules still run', () => {
  const boom: Rule = {
    id: 'boom',
    title: 'b',
    defaultSeverity: 'error',
    appliesTo: ['compose'],
    fixable: false,
    messages: {},
    check() {
      throw new Error('kaputt');
    },
  };
  const ok: Rule = {
    id: 'ok',
    title: 'o',
    defaultSeverity: 'info',
    appliesTo: ['compose'],
    fixable: false,
    messages: { m: 'x' },
    check(c) {
      return [{ messageId: 'm', at: c.declaration }];
    },
  };
  const file: ParsedFile = { file: 'f.yml', kind: 'compose', containers: [container('web')], suppressions: [], problems: [] };
  const findings = lintParsed([file], { rules: [boom, ok] });
  assert.deepEqual(findings.map((f) => f.rule).sort(), ['internal-error', 'ok']);
  assert.match(findings.find((f) => f.rule === 'internal-error')!.message, /boom.*kaputt/);
});

test("a fix's safety classification reaches the finding; an unclassified fix has none", () => {
  const edit = { file: 'f.yml', range, newText: '' };
  const other = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
  const rule: Rule = {
    id: 'two-fixes',
    title: 't',
    defaultSeverity: 'warning',
    appliesTo: ['compose'],
    fixable: true,
    messages: { m: 'x', f: 'fix' },
    check(c) {
      return [
        { messageId: 'm', at: c.declaration, fix: { titleId: 'f', edits: [edit], safety: 'unsafe' } },
        { messageId: 'm', at: { file: 'f.yml', range: other }, fix: { titleId: 'f', edits: [edit] } },
      ];
    },
  };
  const file: ParsedFile = { file: 'f.yml', kind: 'compose', containers: [container('web')], suppressions: [], problems: [] };
  const findings = lintParsed([file], { rules: [rule] });
  assert.deepEqual(
    findings.map((f) => f.fix?.safety),
    ['unsafe', undefined],
  );
});
