import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../shared-rules/src/rule';
import { fixToFixedPoint, type FixHost } from '../../server/src/analysis/fixes';

/** A host over texts in memory; `lint` makes findings from the current texts. */
function host(
  texts: Record<string, string>,
  lint: (file: string, text: string) => Finding[],
  writable = () => true,
): FixHost & { texts: Record<string, string>; lints: number } {
  const h = {
    texts,
    lints: 0,
    lint(file: string) {
      h.lints++;
      return {
        file,
        kind: 'x',
        findings: lint(file, texts[file]).filter((f) => f.at.file === file),
        elsewhere: lint(file, texts[file]).filter((f) => f.at.file !== file),
        dependencies: [],
      };
    },
    read: (file: string) => texts[file],
    write: (file: string, text: string) => void (texts[file] = text),
    writable,
    fixEnabled: () => true,
  };
  return h;
}

const at = (file: string, from: number, to = from) => ({
  file,
  range: { start: { line: 0, character: from }, end: { line: 0, character: to } },
});

function finding(
  rule: string,
  file: string,
  from: number,
  to: number,
  newText: string,
  extra: Partial<Finding['fix'] & object> = {},
  editFile = file,
): Finding {
  return {
    rule,
    severity: 'warning',
    message: rule,
    at: at(file, from, to),
    fix: { title: rule, safety: 'safe', edits: [{ ...at(editFile, from, to), newText }], ...extra },
  };
}

test('a fix that does not remove its finding is applied once, and the engine stops', () => {
  const h = host({ f: '' }, () => [finding('r', 'f', 0, 0, 'x')]);
  const out = fixToFixedPoint(['f'], {}, h);
  assert.equal(h.texts.f, 'x');
  assert.equal(out.applied.length, 1);
  assert.ok(h.lints <= 3, `${h.lints} lints`);
});

test('fixes strictly apart go in one pass; touching ones wait for the next lint', () => {
  // Each `a` becomes `b`; two adjacent `aa` touch, so the second is recomputed on the new text.
  const lint = (_f: string, t: string) => [...t].flatMap((c, i) => (c === 'a' ? [finding(`r${i}`, 'f', i, i + 1, 'b')] : []));
  const h = host({ f: 'a.a.aa' }, lint);
  const out = fixToFixedPoint(['f'], {}, h);
  assert.equal(h.texts.f, 'b.b.bb');
  assert.equal(out.changed.get('f')?.before, 'a.a.aa');
  assert.equal(out.applied.length, 4);
});

test('a fix may edit another file of the project', () => {
  const lint = (_f: string, _t: string) => (h.texts.g.includes('bad') ? [finding('r', 'f', 0, 3, 'ok', {}, 'g')] : []);
  const h = host({ f: 'uses g', g: 'bad' }, lint);
  const out = fixToFixedPoint(['f'], {}, h);
  assert.equal(h.texts.g, 'ok');
  assert.deepEqual([...out.changed.keys()], ['g']);
});

test('unsafe fixes only when asked for; files that may not be written are refused', () => {
  const lint = (_f: string, t: string) => (t === 'a' ? [finding('r', 'f', 0, 1, 'b', { safety: 'unsafe' })] : []);
  const safe = host({ f: 'a' }, lint);
  fixToFixedPoint(['f'], {}, safe);
  assert.equal(safe.texts.f, 'a');
  const unsafe = host({ f: 'a' }, lint);
  fixToFixedPoint(['f'], { unsafe: true }, unsafe);
  assert.equal(unsafe.texts.f, 'b');
  const locked = host({ f: 'a' }, lint, () => false);
  const out = fixToFixedPoint(['f'], { unsafe: true }, locked);
  assert.equal(locked.texts.f, 'a');
  assert.deepEqual(out.refused, ['f']);
});

test('a cancelled run returns what the passes so far did', () => {
  let calls = 0;
  const lint = (_f: string, t: string) => (t.length < 50 ? [finding(`r${t.length}`, 'f', t.length, t.length, 'x')] : []);
  const h = host({ f: '' }, lint);
  fixToFixedPoint(['f'], { cancelled: () => ++calls > 5 }, h);
  assert.ok(h.texts.f.length > 0 && h.texts.f.length < 50);
});
