import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanSuppressions } from '../../server/src/suppressions';
import { parse } from './compose-util';

test('own-line comment covers the next non-comment, non-blank line', () => {
  const text = 'services:\n  web:\n    # dockwarden-ignore privileged -- lab machine\n    # other comment\n\n    privileged: true\n';
  const s = scanSuppressions('f.yml', text);
  assert.equal(s.length, 1);
  assert.deepEqual(s[0].ids, ['privileged']);
  assert.equal(s[0].scope, 'line');
  assert.equal(s[0].line, 5);
  assert.deepEqual(s[0].source.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 49 } });
});

test('end-of-line comment covers its own line; several ids; CRLF', () => {
  const text = 'services:\r\n  web:\r\n    cap_add: [ALL]  # dockwarden-ignore cap-add-dangerous,privileged, host-pid\r\n';
  const s = scanSuppressions('f.yml', text);
  assert.equal(s.length, 1);
  assert.deepEqual(s[0].ids, ['cap-add-dangerous', 'privileged', 'host-pid']);
  assert.equal(s[0].line, 2);
  assert.equal(s[0].source.range.start.character, 20);
});

test('file scope anywhere', () => {
  const s = scanSuppressions(
    'f.yml',
    'services:\n  web:\n    image: x\n# dockwarden-ignore-file image-unpinned, cpu-limit-missing -- later\n',
  );
  assert.equal(s.length, 1);
  assert.equal(s[0].scope, 'file');
  assert.deepEqual(s[0].ids, ['image-unpinned', 'cpu-limit-missing']);
});

test('# inside quotes or words is not a comment; malformed directives are ignored', () => {
  const text = [
    'services:',
    '  web:',
    '    command: "echo # dockwarden-ignore privileged"',
    "    entrypoint: 'a # dockwarden-ignore privileged'",
    '    image: x#dockwarden-ignore privileged',
    '    # dockwarden-ignored privileged',
    '    # dockwarden-ignore',
    "    user: it's # dockwarden-ignore root-user",
    '',
  ].join('\n');
  const s = scanSuppressions('f.yml', text);
  assert.deepEqual(
    s.map((x) => [x.line, x.ids]),
    [[7, ['root-user']]],
  );
});

test('several own-line suppressions stack on the same line', () => {
  const s = scanSuppressions('Dockerfile', '# dockwarden-ignore root-user\n# dockwarden-ignore sudo-in-run\nRUN sudo x\n');
  assert.deepEqual(
    s.map((x) => x.line),
    [2, 2],
  );
});

test('parseCompose returns the suppressions', () => {
  const p = parse('services:\n  web:\n    privileged: true # dockwarden-ignore privileged\n');
  assert.equal(p.suppressions.length, 1);
  assert.equal(p.suppressions[0].line, 2);
});
