import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../shared-rules/src/rules';
import { ja } from '../../shared-rules/src/l10n/ja';
import { renderMessage } from '../../shared-rules/src/l10n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every rule has a Japanese title and every message id in Japanese', () => {
  const missing: string[] = [];
  for (const rule of allRules) {
    const texts = ja[rule.id];
    if (!texts?.title) missing.push(`${rule.id}: title`);
    for (const id of Object.keys(rule.messages)) {
      if (!texts?.messages[id]) missing.push(`${rule.id}: ${id}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('Japanese messages use the same placeholders as the English ones, and no stray ids', () => {
  const problems: string[] = [];
  for (const [id, texts] of Object.entries(ja)) {
    const rule = allRules.find((r) => r.id === id);
    if (!rule) continue; // engine findings (parse-error, ...) may have texts too
    for (const [mid, text] of Object.entries(texts.messages)) {
      const en = rule.messages[mid];
      if (en === undefined) problems.push(`${id}: ${mid} is not a message id of the rule`);
      else if (placeholders(en).join() !== placeholders(text).join()) problems.push(`${id}: ${mid} placeholders differ`);
    }
  }
  assert.deepEqual(problems, []);
});

test('rendering falls back to English and fills placeholders', () => {
  const rule = allRules.find((r) => r.id === 'privileged')!;
  assert.match(renderMessage(rule, 'default', { service: 'web' }, 'ja'), /サービス「web」/);
  assert.match(renderMessage(rule, 'default', { service: 'web' }, 'en'), /Service 'web'/);
});
