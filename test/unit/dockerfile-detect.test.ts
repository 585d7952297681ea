/**
 * Which files are Dockerfiles (server/src/dockerfile/detect.ts, docs/decisions/which-files-are-dockerfiles.md): by
 * name, then by content; and what a folder walk, a file named on the command line and the editor make of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dockerfileName, isDockerfile, looksLikeDockerfile } from '../../server/src/dockerfile/detect';
import { Analysis } from '../../server/src/analysis';
import { lintText } from '../helpers/lint';

test('names: Dockerfiles by name, variants by content, code and documents never', () => {
  for (const f of ['Dockerfile', 'dockerfile', 'CONTAINERFILE', 'api.Dockerfile', 'web.dockerfile', 'x.containerfile', 'a/b/Dockerfile']) {
    assert.equal(dockerfileName(f), 'name', f);
  }
  assert.equal(dockerfileName('C:\\src\\app\\Dockerfile'), 'name');
  for (const f of [
    'Dockerfile.prod',
    'Dockerfile-alpine',
    'Dockerfile_dev',
    'Containerfile.dev',
    'Dockerfile.j2',
    'Dockerfile.template',
    'Dockerfile.ubuntu22.04',
    'Dockerfile.windows',
  ]) {
    assert.equal(dockerfileName(f), 'content', f);
  }
  for (const f of [
    'DockerfileParser.java',
    'DockerfileDetails.tsx',
    'Dockerfile.tsx',
    'Dockerfile.ts',
    'Dockerfile.md',
    'Dockerfile.dockerignore',
    '.dockerignore',
    'dockerfile-lint.yml',
    'Dockerfile.prod.yml',
    'dockerfile_test.go',
    'dockerfile.py',
    'Dockerfiles',
    'my-dockerfile',
    'README.md',
  ]) {
    assert.equal(dockerfileName(f), undefined, f);
  }
});

test('content: the first instruction is FROM, after directives, comments, blank lines and ARGs', () => {
  for (const text of [
    'FROM alpine:3.20\n',
    'FROM alpine AS build\nRUN x\n',
    'from alpine as b\n',
    '# syntax=docker/dockerfile:1\nFROM node:20\n',
    '\ufeff# comment\n\n# another\nFROM x\n',
    'ARG BASE\nFROM ${BASE}\n',
    'ARG X="a b"\nARG Y=2\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    '# escape=`\nARG A=1 `\n  B=2\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
    'ARG A=1 \\\n# a comment inside the continuation\n  B=2\nFROM x\n',
    'FROM x\r\nRUN y\r\n',
  ]) {
    assert.equal(looksLikeDockerfile(text), true, JSON.stringify(text));
  }
  for (const text of [
    '',
    '# only a comment\n',
    'RUN make\n',
    'from flask import Flask\n',
    '# -*- coding: utf-8 -*-\nfrom os import path\n',
    'FROM {{ base_image }}\n',
    'FROM {{base_image}}\n',
    '{% if dev %}\nFROM python:3\n{% endif %}\n',
    'import React from "react";\n',
    'package org.example;\n\npublic class DockerfileParser {}\n',
    'ARG\nFROM x\n',
  ]) {
    assert.equal(looksLikeDockerfile(text), false, JSON.stringify(text));
  }
});

test('the decision: a Dockerfile.<x> by content, a template with template syntax never, code files never', () => {
  assert.equal(isDockerfile('Dockerfile', 'RUN make\n'), true, 'the name alone: a broken Dockerfile gets its parse-error');
  assert.equal(isDockerfile('Dockerfile.prod', 'FROM node:20\n'), true);
  assert.equal(isDockerfile('Dockerfile.prod', 'RUN make\n'), false);
  assert.equal(isDockerfile('Dockerfile.j2', 'FROM python:3.12\nRUN pip install x\n'), true);
  assert.equal(isDockerfile('Dockerfile.j2', 'FROM python:3.12\n{% if dev %}\nRUN pip install dev\n{% endif %}\n'), false);
  assert.equal(isDockerfile('Dockerfile.template', 'FROM %%BASE%%\nRUN {{ .Install }}\n'), false);
  assert.equal(isDockerfile('DockerfileParser.java', 'FROM x\n'), false);
  assert.equal(isDockerfile('DockerfileDetails.tsx', 'FROM x\n'), false);
  // A Dockerfile.<x> that is not a template may hold `{{` (a Go template for docker inspect).
  assert.equal(isDockerfile('Dockerfile.ci', 'FROM docker:27\nRUN docker inspect --format "{{.Id}}" x\n'), true);
});

test('content scanning is bounded: a megabyte of comments or of one character', () => {
  assert.equal(looksLikeDockerfile('#'.repeat(1 << 20)), false);
  assert.equal(looksLikeDockerfile(`${'# c\n'.repeat(300_000)}FROM x\n`), false, 'the first instruction is past the scanned prefix');
  assert.equal(looksLikeDockerfile(`ARG A=${'\\\n'.repeat(200_000)}`), false);
  assert.equal(looksLikeDockerfile('F'.repeat(1 << 20)), false);
});

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-detect-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const FILES = {
  'app/Dockerfile': 'FROM node:20\nUSER node\n',
  'app/Dockerfile.prod': '# production\nARG NODE=20\nFROM node:${NODE}\nUSER node\n',
  'app/Dockerfile-alpine': 'FROM alpine:3.20\nUSER 10001\n',
  'ui/src/DockerfileDetails.tsx': 'import React from "react";\nexport const DockerfileDetails = () => null;\n',
  'tools/src/DockerfileParser.java': 'package tools;\npublic class DockerfileParser {}\n',
  'deploy/templates/Dockerfile.j2': 'FROM {{ base_image }}\n{% for p in packages %}RUN apt-get install {{ p }}\n{% endfor %}\n',
  'deploy/templates/Dockerfile.template': '# {{ ansible_managed }}\nFROM python:3.12\n',
  'docs/Dockerfile.example': 'Write your Dockerfile like this:\nFROM ...\n',
};

test('a folder walk takes Dockerfiles by name and Dockerfile.<x> by content, and skips the rest', () => {
  const root = tree(FILES);
  try {
    const r = new Analysis().discover(['.'], root);
    assert.deepEqual(
      r.files.map((f) => `${f.display}:${f.kind}`),
      ['app/Dockerfile:dockerfile', 'app/Dockerfile-alpine:dockerfile', 'app/Dockerfile.prod:dockerfile'],
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a Dockerfile.<x> named on the command line is linted as one and gets the parse-error when it is not', () => {
  const root = tree(FILES);
  try {
    const r = new Analysis().discover(['docs/Dockerfile.example', 'ui/src/DockerfileDetails.tsx'], root);
    assert.deepEqual(
      r.files.map((f) => `${f.display}:${f.kind}`),
      ['docs/Dockerfile.example:dockerfile'],
    );
    const file = path.join(root, 'docs/Dockerfile.example');
    const findings = lintText({ file, text: FILES['docs/Dockerfile.example'], kind: 'dockerfile' }).findings;
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['parse-error'],
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the kind of an open document: Dockerfile.<x> by content, code files never', () => {
  const analysis = new Analysis();
  const detectKind = (file: string, text: string) => analysis.kindOf(file, { text });
  assert.equal(detectKind('/p/Dockerfile.prod', 'FROM node:20\n'), 'dockerfile');
  assert.equal(detectKind('/p/Dockerfile.j2', 'FROM {{ base }}\n'), undefined);
  // Editors call `Dockerfile.j2` a dockerfile by its name; the content still decides.
  assert.equal(analysis.kindOf('/p/Dockerfile.j2', { text: 'FROM {{ base }}\n', languageId: 'dockerfile' }), undefined);
  assert.equal(analysis.kindOf('/p/Dockerfile.prod', { text: 'FROM node:20\n', languageId: 'dockerfile' }), 'dockerfile');
  assert.equal(
    analysis.kindOf('/p/build.recipe', { text: 'RUN x\n', languageId: 'dockerfile' }),
    'dockerfile',
    'the user chose the language',
  );
  assert.equal(detectKind('/p/DockerfileDetails.tsx', 'import React from "react";\n'), undefined);
  // Any other name is linted by its content only when the user names the file.
  assert.equal(detectKind('/p/build.recipe', 'ARG V=1\nFROM alpine:$V\n'), undefined);
  assert.equal(analysis.kindOf('/p/build.recipe', { text: 'ARG V=1\nFROM alpine:$V\n', explicit: true }), 'dockerfile');
  assert.equal(detectKind('/p/script.py', 'from flask import Flask\n'), undefined, 'Python is no Dockerfile');
});
