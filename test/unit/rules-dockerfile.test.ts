/**
 * The Dockerfile branches of the shared rules (root-user, plaintext-secret, image rules) on real text,
 * through lintFile. Skipped until the Dockerfile parser exists.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintFile } from '../../server/src/lint';
import type { Finding, RuleSettings } from '../../shared-rules/src/rule';
import { applyEdits } from '../helpers/edits';

const FILE = '/project/Dockerfile';

function lint(text: string, settings?: RuleSettings): Finding[] {
  return lintFile({ file: FILE, text, kind: 'dockerfile', options: { settings } }).findings;
}
const of = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);

const parserReady = of(lint('FROM alpine:3.20\nCMD ["sh"]\n'), 'root-user').length > 0;
const skip = parserReady ? false : 'Dockerfile parser (server/src/dockerfile/parse.ts) is not implemented yet';

describe('Dockerfile branches of shared rules', { skip }, () => {
  test('root-user: no USER -> at FROM, fix inserts USER 10001 before CMD', () => {
    const text = 'FROM alpine:3.20\nRUN apk add curl\nCMD ["sh"]\n';
    const [f] = of(lint(text), 'root-user');
    assert.ok(f);
    assert.equal(f.at.range.start.line, 0);
    const after = applyEdits(text, f.fix!.edits, FILE);
    assert.match(after, /USER 10001\r?\nCMD \["sh"\]/);
    assert.equal(of(lint(after), 'root-user').length, 0);
  });
  test('root-user: last USER root -> at that USER', () => {
    const [f] = of(lint('FROM alpine:3.20\nUSER app\nUSER root\nRUN id\n'), 'root-user');
    assert.equal(f.at.range.start.line, 2);
  });
  test('root-user: a non-root USER in a parent stage counts; a root USER in a builder stage does not', () => {
    assert.equal(of(lint('FROM alpine:3.20 AS base\nUSER 1000\nFROM base\nCMD ["sh"]\n'), 'root-user').length, 0);
    assert.equal(of(lint('FROM golang:1.22 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n'), 'root-user').length, 0);
  });
  test('plaintext-secret: ARG with a credential name, ENV with a literal credential', () => {
    const fs = of(lint('FROM alpine:3.20\nARG NPM_TOKEN\nARG VERSION=1\nENV DB_PASSWORD=hunter2 GPG_KEY=ABCDEF\nENV API_KEY=$NPM_TOKEN\nUSER 1\n'), 'plaintext-secret');
    assert.deepEqual(fs.map((f) => f.at.range.start.line), [1, 3]);
  });
  test('image rules look at every FROM that names an image, not stage references or scratch', () => {
    const text = 'FROM golang AS build\nFROM alpine:latest AS mid\nFROM build AS again\nFROM scratch\nCOPY --from=build /a /a\n';
    assert.deepEqual(of(lint(text), 'image-unpinned').map((f) => f.at.range.start.line), [0, 1]);
    assert.deepEqual(of(lint('FROM debian:12\nUSER 1\n'), 'image-no-digest').map((f) => f.at.range.start.line), [0]);
    assert.deepEqual(of(lint('FROM debian:12\nUSER 1\n', { trustedRegistries: ['ghcr.io/me'] }), 'untrusted-registry').length, 1);
    assert.deepEqual(of(lint('FROM debian:12\nUSER 1\n', { trustedRegistries: ['docker.io/library'] }), 'untrusted-registry').length, 0);
  });
});
