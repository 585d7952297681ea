import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analysis } from '../../server/src/analysis';
import { commandLineSource } from '../../server/src/docker-run';
import { DOCUMENT_SELECTOR, WORKSPACE_FILES_GLOB } from '../../server/src/protocol';
import picomatch from 'picomatch';
import { lint, of, rules, sh } from './docker-run-util';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/docker-run');
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

test('which files each source reads: by name, then by shebang; Markdown only when asked', () => {
  assert.equal(commandLineSource('/p/deploy.sh'), 'shell');
  assert.equal(commandLineSource('/p/x.bash'), 'shell');
  assert.equal(commandLineSource('/p/bin/release', '#!/usr/bin/env bash\n'), 'shell');
  assert.equal(commandLineSource('/p/bin/tool', '#!/usr/bin/env python3\n'), undefined);
  assert.equal(commandLineSource('/p/bin/blob', '#!/bin/sh\n\u0000\u0001'), undefined);
  assert.equal(commandLineSource('/p/Makefile'), 'makefile');
  assert.equal(commandLineSource('/p/build/rules.mk'), 'makefile');
  assert.equal(commandLineSource('/p/.github/workflows/ci.yml'), 'github-actions');
  assert.equal(commandLineSource('/p/.gitlab-ci.yml'), 'gitlab-ci');
  assert.equal(commandLineSource('/p/README.md'), undefined);
  assert.equal(commandLineSource('/p/README.md', '', { markdown: true }), 'markdown');
});

test('shell script: containers, the script commands (RUN rules) and a suppression over a continued command', () => {
  const text = read('deploy.sh');
  const f = lint('/w/deploy.sh', text);
  assert.equal(of(f, 'docker-socket-mount').length, 1);
  assert.equal(of(f, 'privileged').length, 0, 'suppressed on the line before the command');
  assert.equal(of(f, 'remote-script-piped-to-shell').length, 1);
  assert.match(of(f, 'remote-script-piped-to-shell')[0].message, /^This command pipes/);
  assert.equal(of(f, 'insecure-download').length, 1);
  assert.equal(of(f, 'tls-verification-disabled').length, 1);
  assert.equal(of(f, 'sudo-in-run').length, 0, 'sudo in a host script is not a finding');
  assert.equal(of(f, 'unused-suppression').length, 0);
});

test('Makefile: recipes with prefixes, continuations and variables; $$ is the shell dollar', () => {
  const f = lint('/w/Makefile', read('Makefile'));
  assert.equal(of(f, 'docker-socket-mount').length, 1, 'SOCK resolved from its one assignment');
  assert.equal(of(f, 'port-all-interfaces').length, 1);
  assert.equal(of(f, 'sensitive-host-mount').length, 1, '$$HOME is home');
  assert.equal(of(f, 'privileged').length, 0, 'a variable assignment is not a recipe');
  assert.equal(of(f, 'image-unpinned').length, 0, '$(IMAGE) resolved to a pinned tag');
});

test('GitHub Actions: run steps by shell, job and service containers', () => {
  const f = lint('/w/.github/workflows/ci.yml', read('ci.yml'));
  const lines = (rule: string) => of(f, rule).map((x) => x.at.range.start.line);
  assert.deepEqual(lines('privileged'), [8], 'services.dind options; the pwsh step is not parsed');
  assert.equal(of(f, 'docker-socket-mount').length, 2, 'container volumes and a run step');
  assert.equal(of(f, 'sensitive-host-mount').length, 0, '${{ github.workspace }} is the project');
  assert.equal(of(f, 'plaintext-secret').length, 1, 'service env with a literal password');
  assert.equal(of(f, 'remote-script-piped-to-shell').length, 1);
});

test('GitLab CI: script lists, anchors read once, strings are not commands; job images', () => {
  const f = lint('/w/.gitlab-ci.yml', read('gitlab-ci.yml'));
  assert.equal(of(f, 'privileged').length, 1);
  assert.equal(of(f, 'docker-socket-mount').length, 1);
  assert.equal(of(f, 'tls-verification-disabled').length, 1);
  assert.equal(of(f, 'image-unpinned').length, 1, 'the job image without a tag');
  assert.equal(
    of(f, 'pids-limit-missing').filter((x) => x.at.range.start.line === 0 || x.at.range.start.line === 4).length,
    0,
    'image uses have no missing settings',
  );
});

test('Markdown: sh and console blocks (prompt lines only), other blocks and prose ignored', () => {
  const text = read('README.md');
  assert.deepEqual(
    of(lint('/w/README.md', text, { markdown: true }), 'privileged').map((x) => x.at.range.start.line),
    [6, 8, 12],
  );
});

test('CRLF scripts and Japanese/emoji text: positions in UTF-16 code units', () => {
  const crlf = sh('#!/bin/sh\r\ndocker run \\\r\n  --privileged \\\r\n  nginx:1.25\r\n');
  const [p] = of(crlf, 'privileged');
  assert.deepEqual(p.at.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 14 } });
  const text = 'echo "日本語😀" && docker run -e MSG="こんにちは😀" --privileged nginx:1.25\n';
  const [q] = of(sh(text), 'privileged');
  const start = text.indexOf('--privileged');
  assert.deepEqual(q.at.range, { start: { line: 0, character: start }, end: { line: 0, character: start + 12 } });
});

test('every rule with a flag equivalent fires on a docker run example, quietly otherwise', () => {
  const clean = sh(
    'docker run --rm --read-only --cap-drop ALL --security-opt no-new-privileges --pids-limit 100 -m 256m --cpus 0.5 -u 1000 -p 127.0.0.1:8080:80 -v "$PWD:/src:ro" nginx:1.25@sha256:0000000000000000000000000000000000000000000000000000000000000000',
  );
  assert.deepEqual(rules(clean), []);
});

test('the examples/docker-run files report what examples/README.md says', () => {
  const root = path.resolve(__dirname, '../../..');
  const found = (file: string) => new Set(rules(lint(path.join(root, file), fs.readFileSync(path.join(root, file), 'utf8'))));
  const script = found('examples/docker-run/deploy.sh');
  for (const r of [
    'docker-socket-mount',
    'privileged',
    'host-network',
    'sensitive-host-mount',
    'plaintext-secret',
    'remote-script-piped-to-shell',
    'insecure-download',
  ]) {
    assert.ok(script.has(r), `deploy.sh: ${r}`);
  }
  const workflow = found('examples/docker-run/.github/workflows/scan.yml');
  for (const r of ['privileged', 'docker-socket-mount', 'port-all-interfaces', 'remote-script-piped-to-shell', 'plaintext-secret']) {
    assert.ok(workflow.has(r), `scan.yml: ${r}`);
  }
});

test('CRLF Makefiles and workflows: the same findings at the same positions as with LF', () => {
  const make = 'up:\n\tdocker run --rm \\\n\t  --privileged nginx:1.25\n';
  const flow =
    'jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo "日本語😀"\n          docker run --privileged nginx:1.25\n      - run: docker run -p 80:80 nginx:1.25\n';
  for (const [file, text] of [
    ['/w/Makefile', make],
    ['/w/.github/workflows/x.yml', flow],
  ]) {
    const at = (t: string) =>
      lint(file, t).map((f) => `${f.rule}@${f.at.range.start.line}:${f.at.range.start.character}-${f.at.range.end.character}`);
    assert.deepEqual(at(text.replace(/\n/g, '\r\n')), at(text), file);
  }
  const [p] = of(lint('/w/.github/workflows/x.yml', flow), 'privileged');
  assert.deepEqual(p.at.range, { start: { line: 6, character: 21 }, end: { line: 6, character: 33 } });
});

test('editor language ids: a file the editor calls a shell script or a Makefile is read as one; CI names still win', () => {
  const analysis = new Analysis();
  const SH = 'docker run --privileged nginx:1.25\n';
  const lintAs = (file: string, languageId: string, text: string) =>
    analysis.lint(file, { text, languageId, explicit: true }).findings.map((f) => f.rule);
  // VS Code's shellscript covers .zshrc, .profile, *.ksh; Neovim says sh, Eglot bash-ts.
  for (const [file, id] of [
    ['/p/.zshrc', 'shellscript'],
    ['/p/run.ksh', 'sh'],
    ['/p/.bashrc', 'bash-ts'],
  ])
    assert.ok(lintAs(file, id, SH).includes('privileged'), `${file} as ${id}`);
  // A file named for its shebang only: its content decides, whatever the id.
  assert.ok(lintAs('/p/notes.txt', 'sh', `#!/bin/sh\n${SH}`).includes('privileged'));
  assert.deepEqual(lintAs('/p/deploy', 'shellscript', SH), [], 'no shebang, no extension');
  // VS Code's makefile covers *.mak; read as make reads it ($(IMAGE) resolved, $$ is the shell's $).
  const mk = 'IMAGE = nginx:latest\nrun:\n\tdocker run --privileged $(IMAGE) sh -c "echo $$HOME"\n';
  const found = analysis.lint('/p/build.mak', { text: mk, languageId: 'makefile', explicit: true }).findings;
  assert.ok(
    found.some((f) => f.rule === 'image-unpinned' && /nginx:latest/.test(f.message)),
    found.map((f) => f.message).join('\n'),
  );
  // VS Code names `.github/workflows/docker-compose.yml` dockercompose: the workflow's name wins, as on the CLI.
  const wf = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ' + SH;
  assert.equal(analysis.kindOf('/p/.github/workflows/docker-compose.yml', { text: wf, languageId: 'dockercompose' }), 'docker-run');
  assert.ok(lintAs('/p/.github/workflows/docker-compose.yml', 'dockercompose', wf).includes('privileged'));
  assert.equal(analysis.kindOf('/p/docker-compose.yml', { text: 'services: {}\n', languageId: 'dockercompose' }), 'compose');
});

test('the editor sends, and Lint Workspace finds, every file a name makes a source', () => {
  const analysis = new Analysis();
  const patterns = DOCUMENT_SELECTOR.flatMap((f) => (f.pattern ? [f.pattern] : []));
  const selected = (p: string) => patterns.some((g) => picomatch.isMatch(p, g, { dot: true }));
  const found = (p: string) => picomatch.isMatch(p, WORKSPACE_FILES_GLOB, { dot: true });
  for (const p of [
    'deploy.sh',
    'scripts/release.bash',
    'Makefile',
    'GNUmakefile',
    'sub/makefile',
    'build/rules.mk',
    '.gitlab-ci.yml',
    '.gitlab-ci.yaml',
    'ci/build.gitlab-ci.yml',
    '.github/workflows/ci.yml',
    '.github/workflows/release.yaml',
    '.devcontainer/devcontainer.json',
    '.devcontainer/python/devcontainer.json',
    '.devcontainer.json',
    'docker-compose.yml',
    'deploy/compose.prod.yaml',
    'Dockerfile',
    'api.Dockerfile',
    'Containerfile',
  ]) {
    assert.ok(analysis.kindOf(`/w/${p}`), `${p} is a source by its name`);
    assert.ok(selected(p), `${p} is in the document selector`);
    assert.ok(found(p), `${p} is found by Lint Workspace`);
  }
});
