/**
 * Windows containers: which Dockerfiles are Windows ones (docs/decisions/windows-containers.md), no POSIX-shell
 * analysis of their cmd / PowerShell RUNs, and root-user judged as ContainerAdministrator vs ContainerUser.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDockerfile } from '../../server/src/dockerfile/parse';
import { lintProject, lintText } from '../helpers/lint';
import { isWindowsAdminUser, isWindowsImage, isWindowsShell, windowsDefaultUser } from '../../shared-rules/src/windows';
import type { Finding } from '../../shared-rules/src/rule';
import { applyEdits } from '../helpers/edits';

const FILE = '/p/Dockerfile';

function platform(text: string): string | undefined {
  return parseDockerfile(FILE, text).containers[0]?.dockerfile?.platform;
}

function lint(text: string): Finding[] {
  return lintText({ file: FILE, text, kind: 'dockerfile' }).findings;
}

describe('Windows images, shells and users', () => {
  test('image references', () => {
    for (const ref of [
      'mcr.microsoft.com/windows/servercore:ltsc2022',
      'mcr.microsoft.com/windows/nanoserver:ltsc2022',
      'mcr.microsoft.com/windows/server:ltsc2025',
      'mcr.microsoft.com/windows:20H2',
      'MCR.microsoft.com/windows/servercore:${TAG}',
      'python:3.13-windowsservercore-ltsc2022',
      'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809',
      'mcr.microsoft.com/dotnet/framework/runtime:4.8',
      'microsoft/windowsservercore',
      'golang:1.22-nanoserver',
    ]) {
      assert.equal(isWindowsImage(ref), true, ref);
    }
    for (const ref of [
      'alpine:3.20',
      'dockurr/windows',
      'ghcr.io/acme/windows-tools:1',
      'mcr.microsoft.com/dotnet/aspnet:8.0',
      'mcr.microsoft.com/powershell:lts',
      'acme/servercorelike:1',
      '',
    ]) {
      assert.equal(isWindowsImage(ref), false, ref);
    }
  });

  test('default users, shells and administrator names', () => {
    assert.equal(windowsDefaultUser('mcr.microsoft.com/windows/nanoserver:ltsc2022'), 'ContainerUser');
    assert.equal(windowsDefaultUser('mcr.microsoft.com/windows/servercore:ltsc2022'), 'ContainerAdministrator');
    assert.equal(windowsDefaultUser(undefined), 'ContainerAdministrator');
    assert.equal(isWindowsShell('cmd'), true);
    assert.equal(isWindowsShell('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'), true);
    assert.equal(isWindowsShell('pwsh'), false);
    assert.equal(isWindowsShell('/bin/bash'), false);
    assert.equal(isWindowsAdminUser('ContainerAdministrator'), true);
    assert.equal(isWindowsAdminUser('containeradministrator'), true);
    assert.equal(isWindowsAdminUser('NT AUTHORITY\\SYSTEM'), true);
    assert.equal(isWindowsAdminUser('ContainerUser'), false);
    assert.equal(isWindowsAdminUser('appuser'), false);
  });
});

describe('stage platform', () => {
  test('Windows by base image, ARG default, escape directive, --platform, SHELL; inherited by later stages', () => {
    assert.equal(platform('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["app.exe"]\n'), 'windows');
    assert.equal(platform('ARG BASE=mcr.microsoft.com/windows/servercore:ltsc2022\nFROM ${BASE}\n'), 'windows');
    assert.equal(platform('ARG TAG\nFROM mcr.microsoft.com/windows/nanoserver:${TAG}\n'), 'windows');
    assert.equal(platform('# escape=`\nFROM acme/base:1\nRUN dir\n'), 'windows');
    assert.equal(platform('FROM --platform=windows/amd64 acme/base:1\n'), 'windows');
    assert.equal(platform('FROM acme/base:1\nSHELL ["cmd", "/S", "/C"]\n'), 'windows');
    assert.equal(
      platform('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nRUN echo\nFROM build AS final\nCMD ["x.exe"]\n'),
      'windows',
    );
  });

  test('Linux otherwise; unknown when the base image is', () => {
    assert.equal(platform('FROM alpine:3.20\n'), 'linux');
    assert.equal(platform('FROM dockurr/windows:4\n'), 'linux');
    assert.equal(platform('FROM scratch\nCOPY x /\n'), 'linux');
    assert.equal(platform('FROM mcr.microsoft.com/powershell:lts\nSHELL ["pwsh", "-Command"]\n'), 'linux');
    assert.equal(platform('# escape=`\nFROM --platform=linux/amd64 alpine:3.20\n'), 'linux');
    assert.equal(platform('ARG BASE\nFROM ${BASE}\n'), 'unknown');
  });
});

describe('RUN analysis on Windows', () => {
  const pipe = 'RUN curl -fsSL http://get.example.com/install | sh\n';
  test('a cmd or PowerShell RUN is not read as POSIX shell', () => {
    const windows = lint(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\n${pipe}USER ContainerUser\n`);
    assert.deepEqual(
      windows.filter((f) => f.rule !== 'image-no-digest').map((f) => f.rule),
      [],
    );
    const powershell = lint(
      `FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\n${pipe}USER ContainerUser\n`,
    );
    assert.equal(
      powershell.some((f) => f.rule === 'remote-script-piped-to-shell' || f.rule === 'insecure-download'),
      false,
    );
  });

  test('the same RUN on Linux fires (the test can fail)', () => {
    const linux = lint(`FROM alpine:3.20\n${pipe}USER 10001\n`);
    assert.ok(linux.some((f) => f.rule === 'remote-script-piped-to-shell'));
    assert.ok(linux.some((f) => f.rule === 'insecure-download'));
  });

  test('a Windows stage that switches to a POSIX shell is analysed again', () => {
    const text = `FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["bash", "-c"]\n${pipe}USER ContainerUser\n`;
    assert.ok(lint(text).some((f) => f.rule === 'remote-script-piped-to-shell'));
  });
});

describe('root-user on Windows', () => {
  const rootUser = (text: string) => lint(text).filter((f) => f.rule === 'root-user');

  test('Server Core without USER runs as ContainerAdministrator: fires, the fix inserts USER ContainerUser', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\app\nCMD ["app.exe"]\n';
    const [f] = rootUser(text);
    assert.match(f.message, /ContainerAdministrator/);
    assert.equal(
      f.fix?.title,
      'Add USER ContainerUser (may stop a process that needs administrator rights, e.g. IIS or a Windows service)',
    );
    assert.equal(f.fix?.safety, 'unsafe');
    const after = applyEdits(text, f.fix!.edits, FILE);
    assert.equal(
      after,
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\app\nUSER ContainerUser\nCMD ["app.exe"]\n',
    );
    assert.doesNotMatch(after, /10001/);
    assert.deepEqual(rootUser(after), []);
  });

  test('through an ARG default (the damaged case of the issue)', () => {
    const text = 'ARG BASE=mcr.microsoft.com/windows/servercore:ltsc2022\nFROM ${BASE}\nCMD ["app.exe"]\n';
    const [f] = rootUser(text);
    assert.match(applyEdits(text, f.fix!.edits, FILE), /USER ContainerUser\nCMD/);
  });

  test('USER ContainerAdministrator fires; ContainerUser, another user and Nano Server defaults do not', () => {
    assert.match(
      rootUser('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\n')[0].message,
      /USER ContainerAdministrator/,
    );
    assert.deepEqual(rootUser('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n'), []);
    assert.deepEqual(rootUser('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN net user app /add\nUSER app\n'), []);
    assert.deepEqual(rootUser('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe"]\n'), []);
    assert.equal(rootUser('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\n').length, 1);
    // USER root means nothing on Windows: not the administrator.
    assert.deepEqual(rootUser('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\nUSER root\n'), []);
  });

  test('a Compose service built from a Windows Dockerfile names ContainerAdministrator', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-win-'));
    try {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["app.exe"]\n');
      const compose = path.join(dir, 'compose.yaml');
      const text = 'services:\n  app:\n    build: .\n';
      fs.writeFileSync(compose, text);
      const findings = lintProject({ file: compose, text, kind: 'compose', files: 'disk' });
      const f = findings.find((x) => x.rule === 'root-user' && x.at.file === compose);
      assert.match(f?.message ?? '', /Service 'app' runs as ContainerAdministrator/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
