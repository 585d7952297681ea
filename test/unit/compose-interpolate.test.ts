import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasVariables, interpolate } from '../../server/src/compose/interpolate';

const env = new Map([
  ['A', 'a'],
  ['EMPTY', ''],
  ['HOST', '127.0.0.1'],
]);

function v(raw: string) {
  return interpolate(raw, env);
}

test('plain text is known and not interpolated', () => {
  assert.deepEqual(v('nginx:1.25'), { value: 'nginx:1.25', known: true, interpolated: false });
});

test('$VAR and ${VAR}', () => {
  assert.deepEqual(v('$A-${A}'), { value: 'a-a', known: true, interpolated: true });
  assert.deepEqual(v('x$A.y'), { value: 'xa.y', known: true, interpolated: true });
});

test('$$ is a literal dollar and is not interpolation', () => {
  assert.deepEqual(v('$$HOME'), { value: '$HOME', known: true, interpolated: false });
  assert.deepEqual(v('a$$$A'), { value: 'a$a', known: true, interpolated: true });
  assert.equal(hasVariables('$$HOME'), false);
  assert.equal(hasVariables('$${A}'), false);
  assert.equal(hasVariables('x${A}'), true);
  assert.equal(hasVariables('$A'), true);
  assert.equal(hasVariables('cost $5'), false);
});

test('unknown variable without default is unknown', () => {
  assert.equal(v('${NOPE}').known, false);
  assert.equal(v('$NOPE').known, false);
  assert.equal(v('${NOPE}:8080:80').known, false);
});

test(':- and - defaults', () => {
  assert.deepEqual(v('${NOPE:-d}'), { value: 'd', known: true, interpolated: true });
  assert.deepEqual(v('${NOPE-d}'), { value: 'd', known: true, interpolated: true });
  assert.equal(v('${EMPTY:-d}').value, 'd');
  assert.equal(v('${EMPTY-d}').value, '');
  assert.equal(v('${A:-d}').value, 'a');
  assert.equal(v('${NOPE:-}').value, '');
  assert.equal(v('${NOPE:-}').known, true);
});

test(':? and ? errors make a missing variable unknown', () => {
  assert.equal(v('${NOPE:?must be set}').known, false);
  assert.equal(v('${NOPE?must be set}').known, false);
  assert.equal(v('${EMPTY:?must be set}').known, false);
  assert.deepEqual(v('${EMPTY?e}'), { value: '', known: true, interpolated: true });
  assert.equal(v('${A:?e}').value, 'a');
});

test(':+ and + alternatives', () => {
  assert.equal(v('${A:+alt}').value, 'alt');
  assert.equal(v('${EMPTY:+alt}').value, '');
  assert.equal(v('${EMPTY+alt}').value, 'alt');
  assert.equal(v('${NOPE+alt}').value, '');
  assert.equal(v('${NOPE+alt}').known, true);
});

test('nested defaults', () => {
  assert.equal(v('${NOPE:-${A}}').value, 'a');
  assert.equal(v('${NOPE:-${NOPE2:-${HOST}}}:80:80').value, '127.0.0.1:80:80');
  assert.equal(v('${NOPE:-${NOPE2}}').known, false);
  assert.equal(v('${A:-${NOPE2}}').known, true);
  assert.equal(v('${NOPE:-x:y}').value, 'x:y');
});

test('malformed templates are unknown, a lone $ stays literal', () => {
  assert.equal(v('${A').known, false);
  assert.equal(v('${}').known, false);
  assert.equal(v('${1A}').known, false);
  assert.deepEqual(v('cost $5 $'), { value: 'cost $5 $', known: true, interpolated: false });
});
