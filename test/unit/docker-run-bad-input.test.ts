import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLineFile } from '../../server/src/docker-run';
import { lint, of, sh } from './docker-run-util';

// Bounded work, no crash: these assert results, not times (times are in `npm run bench`).

test('unterminated quotes, heredocs and $( nesting: the rest of the script is still read, nothing throws', () => {
  const text = 'echo "unterminated\ndocker run --privileged alpine:3\ncat <<EOF\nno end\n';
  assert.doesNotThrow(() => sh(text));
  const f = sh('docker run --privileged alpine:3\necho "open\n');
  assert.equal(of(f, 'privileged').length, 1, 'the line before the broken quote is still read');
  const deep = `${'$('.repeat(500)}docker run --privileged alpine${')'.repeat(500)}\n`;
  assert.doesNotThrow(() => sh(deep));
  assert.doesNotThrow(() => sh('docker run -v\n'));
  assert.doesNotThrow(() => sh('docker run --\n'));
  assert.doesNotThrow(() => sh('docker run -p\n'));
  assert.doesNotThrow(() => sh('docker\n'));
});

test('10,000 docker run lines: every one is read, within the bounds', () => {
  const text =
    Array.from({ length: 10_000 }, (_, i) => `docker run -d --privileged -p ${1000 + (i % 5000)}:80 nginx:1.25 # ${i}`).join('\n') + '\n';
  const f = sh(text);
  assert.equal(of(f, 'privileged').length, 10_000);
});

test('a 1 MB line is reported as not analysed, and the lines around it are read', () => {
  const long = `echo ${'a'.repeat(1024 * 1024)}`;
  const text = `docker run --privileged alpine:3\n${long}\ndocker run --privileged alpine:3\n`;
  const f = sh(text);
  assert.equal(of(f, 'file-too-large').length, 1);
  assert.equal(of(f, 'privileged').length, 2);
});

test('binary content with a shebang, NUL bytes, invalid YAML: nothing or one finding, never a throw', () => {
  const binary = '#!/bin/sh\n' + String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => i % 256));
  assert.deepEqual(parseCommandLineFile('/w/x.sh', binary)?.containers, []);
  const broken = lint('/w/.github/workflows/x.yml', 'jobs: [\n  - run: docker run --privileged x\n');
  assert.deepEqual(
    broken.map((f) => f.rule),
    ['parse-error'],
  );
  assert.doesNotThrow(() => lint('/w/.gitlab-ci.yml', 'a: *nope\n'));
  assert.doesNotThrow(() => lint('/w/Makefile', 'x:\n\tdocker run $(\n\t$(foo $(bar)\n'));
  assert.doesNotThrow(() => lint('/w/README.md', '```sh\ndocker run "\n', { markdown: true }));
});
