/**
 * The Dockerfile parser: the image stage's model (stages, FROM chain, USER, ENV/ARG, EXPOSE, insertUser)
 * and exact UTF-16 ranges, on LF and CRLF text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../server/src/dockerfile/parse';
import type { ContainerSpec, Range, ShellCommand } from '../../shared-rules/src/model';
import { applyEdits, offsetAt } from '../helpers/edits';

const FILE = '/p/Dockerfile';
const fixtures = path.join(__dirname, '../../../test/fixtures/dockerfile');

function container(text: string): ContainerSpec {
  const parsed = parseDockerfile(FILE, text);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.containers.length, 1);
  return parsed.containers[0];
}

/** The text a range covers. */
function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

function words(cmd: ShellCommand): string[] {
  return cmd.words.map((w) => w.text);
}

describe('dockerfile model', () => {
  test('multi-stage: the last stage is the image stage; stage refs, ARG-based FROMs, USER chain', () => {
    const text = fs.readFileSync(path.join(fixtures, 'multi-stage.Dockerfile'), 'utf8');
    const c = container(text);
    assert.equal(c.origin, 'dockerfile');
    assert.equal(c.name, 'runtime');
    assert.equal(textAt(text, c.declaration.range), 'FROM deps AS runtime');
    assert.equal(c.extent.end.line, text.split('\n').length - 1);
    // FROM deps: the image comes from the earlier stage, so the container names no image itself.
    assert.equal(c.image, undefined);
    const froms = c.dockerfile!.allFroms;
    assert.equal(froms.length, 3);
    assert.equal(froms[0].image?.value, 'node:20.11-alpine');
    assert.equal(froms[0].image?.known, true);
    assert.equal(froms[0].image?.raw, 'node:${NODE_VERSION}-alpine');
    assert.equal(textAt(text, froms[0].image!.source.range), 'node:${NODE_VERSION}-alpine');
    assert.equal(froms[0].stageName, 'deps');
    // ARG REGISTRY has no default: unknown.
    assert.equal(froms[1].image?.known, false);
    assert.equal(froms[2].image, undefined);
    assert.equal(froms[2].stageRef, 'deps');
    // USER of the runtime chain (deps has none; build's USER is another branch).
    assert.deepEqual(
      c.dockerfile!.users.map((u) => u.user.value),
      ['node'],
    );
    assert.equal(c.user?.value, 'node');
    assert.equal(textAt(text, c.dockerfile!.users[0].source.range), 'USER node');
    // ENV/ARG of all stages, global ARGs first.
    assert.deepEqual(
      c.environment.map((e) => `${e.kind}:${e.name}=${e.value?.value ?? ''}`),
      ['arg:NODE_VERSION=20.11', 'arg:REGISTRY=', 'arg:NPM_TOKEN=', 'env:NODE_ENV=production', 'env:PORT=3000'],
    );
    assert.equal(textAt(text, c.environment[3].source.range), 'NODE_ENV=production');
    assert.deepEqual(
      c.ports.map((p) => [p.syntax, p.containerPort.value]),
      [['dockerfile-expose', '3000']],
    );
    assert.equal(c.dockerfile!.allRuns.length, 2);
    assert.equal(c.dockerfile!.runs.length, 0);
  });

  test('insertUser goes before the first CMD with its indentation', () => {
    const text = fs.readFileSync(path.join(fixtures, 'multi-stage.Dockerfile'), 'utf8');
    const c = container(text);
    const out = applyEdits(text, c.dockerfile!.insertUser('USER 10001'));
    assert.match(out, /\nEXPOSE 3000\n {2}USER 10001\n {2}CMD \["node"/);
  });

  test('insertUser offers nothing after a last line that continues (it would become part of that RUN)', () => {
    const text = 'FROM alpine:3.20\nRUN apk add curl \\\n';
    assert.deepEqual(container(text).dockerfile!.insertUser('USER 10001'), []);
    const backtick = '# escape=`\nFROM alpine:3.20\nRUN apk add curl `\n  ';
    assert.deepEqual(container(backtick).dockerfile!.insertUser('USER 10001'), []);
  });

  test('insertUser at the end of a file without CMD, adding the missing line break (CRLF kept)', () => {
    const text = 'FROM alpine:3.20\r\nRUN true';
    const out = applyEdits(text, container(text).dockerfile!.insertUser('USER 10001'));
    assert.equal(out, 'FROM alpine:3.20\r\nRUN true\r\nUSER 10001');
    const withEol = 'FROM alpine:3.20\nRUN true\n';
    assert.equal(applyEdits(withEol, container(withEol).dockerfile!.insertUser('USER 10001')), `${withEol}USER 10001\n`);
  });

  test('a build target makes an earlier stage the image stage, ending where the next stage starts', () => {
    const text = 'FROM node:20 AS build\nRUN npm ci\n\nFROM node:20-slim AS runtime\nUSER node\nCMD ["node"]\n';
    const build = parseDockerfile(FILE, text, { target: 'BUILD' }).containers[0];
    assert.equal(build.name, 'build');
    assert.deepEqual(build.extent.end, { line: 3, character: 0 });
    assert.equal(build.user, undefined);
    assert.equal(
      applyEdits(text, build.dockerfile!.insertUser('USER 10001')),
      text.replace('\nFROM node:20-slim', '\nUSER 10001\nFROM node:20-slim'),
    );
    assert.equal(parseDockerfile(FILE, text, { target: 'nope' }).containers[0].name, 'runtime');
  });

  test('scratch image stage, USER chain through a stage reference', () => {
    const text = fs.readFileSync(path.join(fixtures, 'scratch.Dockerfile'), 'utf8');
    const c = container(text);
    assert.equal(c.name, 'stage 1');
    assert.equal(c.image, undefined);
    assert.equal(c.dockerfile!.allFroms[1].image, undefined);
    assert.equal(c.dockerfile!.allFroms[1].stageRef, undefined);
    assert.equal(c.dockerfile!.allFroms[0].image?.value, 'golang:1.22');
    assert.equal(c.user, undefined);

    const chained = 'FROM alpine:3 AS base\nUSER app\nFROM base\nRUN id\n';
    const d = container(chained);
    assert.deepEqual(
      d.dockerfile!.users.map((u) => u.user.value),
      ['app'],
    );
    assert.equal(d.user?.value, 'app');
  });

  test('USER and ENV with variables are substituted when known, else unknown', () => {
    const c = container('FROM alpine:3\nARG UID=0\nUSER ${UID}\nENV X=$Y\n');
    assert.equal(c.user?.value, '0');
    assert.equal(c.user?.known, true);
    const env = c.environment.find((e) => e.name === 'X')!;
    assert.equal(env.interpolated, true);
    assert.equal(env.value?.known, false);
    const d = container('FROM alpine:3\nUSER $APP_UID\n');
    assert.equal(d.user?.known, false);
  });

  test('CRLF file: ranges end before \\r and positions match LF', () => {
    const lf = 'FROM alpine:3.20\nENV A=1\nEXPOSE 22/tcp\nUSER app\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = container(lf);
    const b = container(crlf);
    assert.deepEqual(b.ports[0].source, a.ports[0].source);
    assert.deepEqual(b.environment[0].source, a.environment[0].source);
    assert.equal(textAt(crlf, b.ports[0].source.range), '22/tcp');
    assert.equal(textAt(crlf, b.ports[0].containerPort.source.range), '22');
    assert.equal(textAt(crlf, b.dockerfile!.users[0].source.range), 'USER app');
  });

  test('Japanese and emoji before a word: columns are UTF-16 code units', () => {
    const text = 'FROM alpine:3\nRUN echo "日本語🎉" && sudo apk add curl\n';
    const run = container(text).dockerfile!.allRuns[0];
    const sudo = run.commands.find((c) => words(c)[0] === 'sudo')!;
    // `RUN echo "日本語🎉" && ` is 4 + 5 + 7 (3 BMP + 2 surrogates + 2 quotes) + 4 units.
    assert.deepEqual(sudo.words[0].source.range.start, { line: 1, character: 20 });
    assert.equal(textAt(text, sudo.words[0].source.range), 'sudo');
    assert.equal(textAt(text, run.commands[0].words[1].source.range), '"日本語🎉"');
    assert.equal(run.commands[0].words[1].text, '日本語🎉');
  });

  test('empty file and comment-only file: no container, no problem; instructions without FROM: parse-error', () => {
    assert.deepEqual(parseDockerfile(FILE, ''), { file: FILE, kind: 'dockerfile', containers: [], suppressions: [], problems: [] });
    assert.equal(parseDockerfile(FILE, '# just a comment\n').containers.length, 0);
    const noFrom = parseDockerfile(FILE, 'RUN echo hi\n');
    assert.equal(noFrom.containers.length, 0);
    assert.deepEqual(
      noFrom.problems.map((p) => p.rule),
      ['parse-error'],
    );
  });

  test('never throws on odd input', () => {
    for (const text of [
      'FROM',
      'FROM \\\n',
      'RUN',
      '\u0000\uffff',
      'FROM a\nRUN "unterminated',
      'FROM a\nRUN $(((',
      'FROM a\nRUN <<EOF\n',
      'FROM a\nADD\nEXPOSE\nUSER\nENV\nARG',
    ]) {
      const parsed = parseDockerfile(FILE, text);
      assert.ok(Array.isArray(parsed.containers));
    }
  });

  test('ADD downloads: URL, checksum flag, JSON form', () => {
    const text = 'FROM alpine:3\nADD --checksum=sha256:abc https://a.example/x.tgz /x\nADD ["http://b.example/y", "/y"]\nADD ./local /z\n';
    const d = container(text).dockerfile!;
    assert.deepEqual(
      d.allDownloads.map((x) => [x.url.value, x.hasChecksum]),
      [
        ['https://a.example/x.tgz', true],
        ['http://b.example/y', false],
      ],
    );
    assert.equal(textAt(text, d.allDownloads[1].url.source.range), 'http://b.example/y');
  });

  test('suppressions are read from # comments', () => {
    const parsed = parseDockerfile(FILE, 'FROM alpine:3\n# dockwarden-ignore sudo-in-run\nRUN sudo true\n');
    assert.deepEqual(
      parsed.suppressions.map((s) => [s.ids, s.line]),
      [[['sudo-in-run'], 2]],
    );
  });
});
