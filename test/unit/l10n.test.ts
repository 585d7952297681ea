import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../shared-rules/src/rules';
import { ja } from '../../shared-rules/src/l10n/ja';
import { containerArgs, fill, renderMessage } from '../../shared-rules/src/l10n';
import fc from 'fast-check';

// `{Container}` (sentence start) and `{container}` are one name: Japanese has no capitals to tell them apart.
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => (m[1] === 'Container' ? 'container' : m[1])).sort();

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
  const web = { origin: 'compose', name: 'web' };
  assert.match(renderMessage(rule, 'default', containerArgs(web, 'ja'), 'ja'), /^サービス「web」は/);
  assert.match(renderMessage(rule, 'default', containerArgs(web, 'en'), 'en'), /^Service 'web' runs privileged/);
});

test('fill puts each argument where its {name} is, leaves unknown names and replacement patterns as written', () => {
  const piece = fc.constantFrom('{a}', '{b}', '{ab_1}', '{}', '{ a}', '{', '}', 'text ', '$&', "$'", '日本語', '😀');
  const value = fc.constantFrom('x', '$&', '$1', '{a}', '', '値');
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 10 }),
      fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'ab_1'), value), { nil: undefined }),
      (parts, args) => {
        const template = parts.join('');
        // The definition: a single regular-expression pass, names looked up as written.
        const expected = template.replace(/\{(\w+)\}/g, (m, k: string) => (args && k in args ? args[k] : m));
        assert.equal(fill(template, args), expected);
        assert.equal(fill(template, args), expected, 'the second fill of a template (split once, kept) is the same');
      },
    ),
    { numRuns: 500 },
  );
});
