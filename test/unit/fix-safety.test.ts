/**
 * Fix safety (../shared/rules.md § Fix safety): every fixable rule says whether its fix is safe and why, an unsafe
 * fix's title says what may break (English and Japanese), and the engine puts the classification on each finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../shared-rules/src/rules';
import { ja } from '../../shared-rules/src/l10n/ja';
import { containerFindings, ruleContext } from '../../shared-rules/src/engine';
import type { Rule } from '../../shared-rules/src/rule';
import { lintText } from '../helpers/lint';
import { service, val } from '../helpers/model';

const fixTitleIds = (rule: Rule) => Object.keys(rule.messages).filter((id) => /^fix[A-Z]?/.test(id));

test('every fixable rule classifies its fix with a reason; rules without a fix do not', () => {
  const problems: string[] = [];
  for (const rule of allRules) {
    if (rule.fixable) {
      if (!rule.fixSafety) problems.push(`${rule.id}: fixable but not classified`);
      else if (rule.fixSafety.reason.length < 40) problems.push(`${rule.id}: reason too short`);
      if (fixTitleIds(rule).length === 0) problems.push(`${rule.id}: fixable but has no fix title`);
    } else if (rule.fixSafety) {
      problems.push(`${rule.id}: classified but not fixable`);
    }
  }
  assert.deepEqual(problems, []);
});

test('an unsafe fix says in its title what may break, in English and Japanese; a safe one does not', () => {
  const problems: string[] = [];
  for (const rule of allRules.filter((r) => r.fixSafety)) {
    for (const id of fixTitleIds(rule)) {
      const unsafe = rule.fixSafety!.safety === 'unsafe' || (rule.fixSafety!.unsafeTitles ?? []).includes(id);
      const en = rule.messages[id];
      const jaText = ja[rule.id]?.messages[id] ?? '';
      const enSays = /\((?:may|breaks|cuts|makes) [^()]+\)$/.test(en);
      const jaSays = /（[^（）]+）$/.test(jaText);
      if (unsafe && !enSays) problems.push(`${rule.id}.${id} (en): "${en}" does not say what may break`);
      if (unsafe && !jaSays) problems.push(`${rule.id}.${id} (ja): "${jaText}" does not say what may break`);
      if (!unsafe && (enSays || jaSays)) problems.push(`${rule.id}.${id}: a safe fix with a warning in its title`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the catalogue examples of § Fix safety are unsafe, no-new-privileges and https are safe', () => {
  const safety = (id: string) => allRules.find((r) => r.id === id)?.fixSafety?.safety;
  for (const id of [
    'read-only-rootfs-missing',
    'cap-drop-missing',
    'root-user',
    'memory-limit-missing',
    'cpu-limit-missing',
    'docker-socket-mount',
    'privileged',
    'port-all-interfaces',
  ]) {
    assert.equal(safety(id), 'unsafe', id);
  }
  assert.equal(safety('no-new-privileges-missing'), 'safe');
  assert.equal(safety('insecure-download'), 'safe');
});

test('findings carry fix.safety: the rule classification', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
  const findings = lintText({ file: '/p/compose.yaml', text, kind: 'compose' }).findings;
  const of = (rule: string) => findings.find((f) => f.rule === rule)?.fix?.safety;
  assert.equal(of('privileged'), 'unsafe');
  assert.equal(of('read-only-rootfs-missing'), 'unsafe');
  assert.equal(of('no-new-privileges-missing'), 'safe');
  const df = lintText({ file: '/p/Dockerfile', text: 'FROM alpine:3.20\nRUN wget http://example.com/x\n', kind: 'dockerfile' }).findings;
  assert.equal(df.find((f) => f.rule === 'insecure-download')?.fix?.safety, 'safe');
  assert.equal(df.find((f) => f.rule === 'root-user')?.fix?.safety, 'unsafe');
  // A title the rule names unsafe (a package index: a mirror may serve only HTTP) is unsafe in a safe rule.
  const index = 'FROM python:3.12\nRUN pip install --index-url http://pypi.internal/simple flask\n';
  const pip = lintText({ file: '/p/Dockerfile', text: index, kind: 'dockerfile' }).findings.find((f) => f.rule === 'insecure-download');
  assert.match(pip?.fix?.title ?? '', /may break an index/);
  assert.equal(pip?.fix?.safety, 'unsafe');
});

test('a report may override its rule’s classification; an unclassified fix counts as unsafe', () => {
  const edit = [{ file: 'compose.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }];
  const base = { title: 'T', defaultSeverity: 'info' as const, appliesTo: ['compose' as const], fixable: true };
  const overriding: Rule = {
    ...base,
    id: 'overriding',
    fixSafety: { safety: 'safe', reason: 'safe in general, but this report says otherwise for its fix' },
    messages: { default: 'm', fix: 'f' },
    check: () => [{ messageId: 'default', at: edit[0], fix: { titleId: 'fix', edits: edit, safety: 'unsafe' } }],
  };
  const unclassified: Rule = {
    ...base,
    id: 'unclassified',
    messages: { default: 'm', fix: 'f' },
    check: () => [{ messageId: 'default', at: edit[0], fix: { titleId: 'fix', edits: edit } }],
  };
  const c = service('web', { image: val('nginx:1') });
  const ctx = ruleContext({}, [c]);
  assert.equal(containerFindings(c, ctx, { rules: [overriding] })[0].fix?.safety, 'unsafe');
  assert.equal(containerFindings(c, ctx, { rules: [unclassified] })[0].fix?.safety, 'unsafe');
});
