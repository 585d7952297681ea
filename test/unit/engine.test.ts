import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareNames, lintParsed, sortFindings } from '../../shared-rules/src/engine';
import type { Finding } from '../../shared-rules/src/rule';
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

test("a fix's safety classification reaches the finding; an unclassified fix is unsafe", () => {
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
    ['unsafe', 'unsafe'],
  );
});

test('names sort as the root collation orders them (Intl.Collator en), without building a collator for ASCII', () => {
  const root = new Intl.Collator('en');
  const sign = (n: number) => Math.sign(n);
  // Every printable ASCII character, and the characters paths and rule ids are mostly made of, more often.
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  const unit = fc.oneof(fc.constantFrom(...printable), fc.constantFrom('a', 'A', 'b', 'B', '-', '_', '.', '/', '0', '9', 'z', 'Z', ' '));
  const name = fc.string({ unit, maxLength: 12 });
  fc.assert(
    fc.property(name, name, (a, b) => sign(compareNames(a, b)) === sign(root.compare(a, b))),
    { numRuns: 20_000 },
  );
  // Pairs that differ only in case, or only by a prefix.
  fc.assert(
    fc.property(name, fc.nat(), (a, seed) => {
      const b = [...a].map((c, i) => ((seed >> (i % 30)) & 1 ? c.toUpperCase() : c)).join('');
      return sign(compareNames(a, b)) === sign(root.compare(a, b)) && sign(compareNames(a, a + b)) === sign(root.compare(a, a + b));
    }),
    { numRuns: 5_000 },
  );
  // Beyond ASCII the collator decides (here: an accent weighs less than a letter).
  for (const [a, b] of [
    ['compose.yaml', 'cömpose.yaml'],
    ['é/Dockerfile', 'e/Dockerfile'],
    ['tab\there', 'tabhere'],
  ]) {
    assert.equal(sign(compareNames(a, b)), sign(root.compare(a, b)), `${a} / ${b}`);
  }
  const sorted = ['b/compose.yaml', 'Dockerfile', 'a_b/x', 'a-b/x', 'A/compose.yaml', 'a/compose.yaml', 'a.yaml'].sort(compareNames);
  assert.deepEqual(sorted, ['a_b/x', 'a-b/x', 'a.yaml', 'a/compose.yaml', 'A/compose.yaml', 'b/compose.yaml', 'Dockerfile']);
});

test('sortFindings ranks files once and gives the order of comparing names at every step (file, position, rule)', () => {
  const files = ['b/compose.yaml', 'a/compose.yaml', 'A/compose.yaml', 'a-b/x', 'cömpose.yaml', 'compose.yaml', 'e\u0301/x', '\u00e9/x'];
  const rules = ['privileged', 'pids-limit-missing', 'cap-drop-missing'];
  const finding = fc.record({
    file: fc.constantFrom(...files),
    line: fc.nat({ max: 3 }),
    character: fc.nat({ max: 3 }),
    rule: fc.constantFrom(...rules),
    n: fc.nat(),
  });
  const pos = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line !== b.line ? a.line - b.line : a.character - b.character;
  fc.assert(
    fc.property(fc.array(finding, { maxLength: 60 }), (items) => {
      const make = (): Finding[] =>
        items.map((i) => ({
          rule: i.rule,
          severity: 'warning',
          message: String(i.n),
          at: { file: i.file, range: { start: { line: i.line, character: i.character }, end: { line: i.line, character: i.character } } },
        }));
      const expected = make().sort(
        (a, b) => compareNames(a.at.file, b.at.file) || pos(a.at.range.start, b.at.range.start) || compareNames(a.rule, b.rule),
      );
      assert.deepEqual(sortFindings(make()), expected);
    }),
    { numRuns: 2_000 },
  );
});
