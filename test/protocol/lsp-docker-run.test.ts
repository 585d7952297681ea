/**
 * The language server on `docker run` command lines: shell scripts, Makefiles, GitHub Actions workflows and GitLab
 * CI files. Exact UTF-16 ranges (Japanese and emoji before the flags, CRLF), the quick fixes and what they leave
 * (`bash -n`, `make -n`, YAML), ignore comments on continued commands, fix-all, typing in a long script, and the
 * language ids other editors send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { applyLspEdits, codes, editsFor, startSession, tempDir, uriOf, withTimeout, type Diag, type Session } from './harness';

async function withSession(root: string, settings: Record<string, unknown>, fn: (s: Session) => Promise<void>): Promise<void> {
  const s = await startSession({ rootDir: root, settings });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

function actionsFor(s: Session, uri: string, d: Diag | undefined, only: string[]): Promise<any[]> {
  const range = d?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return withTimeout(
    s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: d ? [d] : [], only },
    }) as Promise<any[]>,
    10_000,
  );
}

const diag = (s: Session, uri: string, rule: string) => s.latest(uri)?.diagnostics.find((d) => d.code === rule);
const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

/** A file in its own workspace, written to disk as well (as an editor opens it). */
function workspaceFile(name: string, text: string): { root: string; file: string; uri: string } {
  const root = tempDir('dw-lsp-run-');
  const file = path.join(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return { root, file, uri: uriOf(file) };
}

/** Throws with bash's message unless `bash -n` accepts the text (bash must be installed: no silent pass). */
function assertBashSyntax(text: string, what: string): void {
  const dir = tempDir('dw-bash-');
  const file = path.join(dir, 'x.sh');
  fs.writeFileSync(file, text);
  try {
    execFileSync('bash', ['-n', file], { stdio: 'pipe' });
  } catch (e: any) {
    assert.fail(`bash -n rejects ${what}: ${String(e.stderr ?? e.message)}\n${text}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `make -n` (prints the recipe, runs nothing) accepts the Makefile, and bash accepts what it prints. */
function assertMakeRecipe(makefile: string, target: string): void {
  const dir = tempDir('dw-make-');
  fs.writeFileSync(path.join(dir, 'Makefile'), makefile);
  try {
    const printed = execFileSync('make', ['-n', '-s', target], { cwd: dir, stdio: 'pipe' }).toString();
    assertBashSyntax(printed, `the recipe make prints for ${target}`);
  } catch (e: any) {
    if (e?.code === 'ERR_ASSERTION') throw e;
    assert.fail(`make -n rejects the Makefile: ${String(e.stderr ?? e.message)}\n${makefile}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function assertYaml(text: string): any {
  const doc = parseDocument(text);
  assert.deepEqual(
    doc.errors.map((e) => e.message),
    [],
    text,
  );
  return doc.toJS();
}

/** Applies `edit` to the open document, sends the new full text and waits for its diagnostics. */
async function applyAndWait(s: Session, uri: string, text: string, edit: unknown, version: number): Promise<string> {
  const next = applyLspEdits(text, editsFor(edit, uri));
  s.change(uri, version, [{ text: next }]);
  await s.waitFor(`diagnostics of version ${version}`, () => s.latest(uri)?.version === version);
  return next;
}

/** The one quick fix of a diagnostic (the fix itself, not the ignore and docs actions). */
async function fixOf(s: Session, uri: string, rule: string): Promise<any> {
  const d = diag(s, uri, rule);
  assert.ok(d, `${rule} is reported: ${codes(s.latest(uri)).join(', ')}`);
  const actions = (await actionsFor(s, uri, d, ['quickfix'])).filter((a) => a.edit && !/^Ignore /.test(a.title));
  assert.equal(actions.length, 1, `${rule}: ${actions.map((a) => a.title).join(' | ')}`);
  return actions[0];
}

const TITLES = {
  privileged: 'Remove --privileged (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
  port: 'Bind to 127.0.0.1 (makes the port unreachable from other machines)',
  pids: 'Add --pids-limit 200 (may stop a service that runs more than 200 processes or threads)',
  socket: 'Remove the /var/run/docker.sock mount (breaks a service that uses the engine API, e.g. a proxy, a CI runner or a monitor)',
};

/** Unsafe fixes: offered, never preferred (an editor's auto-fix applies preferred ones), the title says what breaks. */
function assertUnsafe(action: any, title: string): void {
  assert.equal(action.title, title);
  assert.equal(action.isPreferred, false, title);
  assert.equal(action.kind, 'quickfix');
}

// Japanese text and an emoji (two UTF-16 code units) before the flags on the command's first line.
const SCRIPT = [
  '#!/usr/bin/env bash',
  '# デプロイ 🐳',
  'set -eu',
  'echo "起動 🚀 ${APP:-web}"; docker run -d --privileged \\',
  '  -p 8080:80 \\',
  '  -v "$PWD/data:/data" \\',
  "  nginx:1.25 nginx -g 'daemon off;'",
  '',
].join('\n');

const FIXED_SCRIPT = [
  '#!/usr/bin/env bash',
  '# デプロイ 🐳',
  'set -eu',
  'echo "起動 🚀 ${APP:-web}"; docker run --pids-limit 200 -d \\',
  '  -p 127.0.0.1:8080:80 \\',
  '  -v "$PWD/data:/data" \\',
  "  nginx:1.25 nginx -g 'daemon off;'",
  '',
].join('\n');

/** Applies the three quick fixes in turn through the server; checks each edit and what it leaves. */
async function fixScript(s: Session, uri: string, text: string, eol: string): Promise<string> {
  let version = 1;
  for (const [rule, title] of [
    ['privileged', TITLES.privileged],
    ['port-all-interfaces', TITLES.port],
    ['pids-limit-missing', TITLES.pids],
  ] as const) {
    const fix = await fixOf(s, uri, rule);
    assertUnsafe(fix, title);
    text = await applyAndWait(s, uri, text, fix.edit, ++version);
    if (eol === '\r\n') assert.ok(!/(^|[^\r])\n/.test(text), `${rule}: CRLF kept on every line`);
    const lf = text.replace(/\r\n/g, '\n');
    assertBashSyntax(lf, `the script after the ${rule} fix`);
    // The continuation backslashes are intact: the command still ends at the image's line.
    const lines = lf.split('\n');
    assert.deepEqual(
      lines.slice(3, 6).map((l) => l.endsWith(' \\')),
      [true, true, true],
      `${rule}:\n${lf}`,
    );
    assert.ok(!codes(s.latest(uri)).includes(rule), `${rule} gone after its fix`);
    // Still one docker run: the image (on the last line of the command) is still read as its image.
    assert.deepEqual(diag(s, uri, 'image-no-digest')?.range, at(6, 2, 12), `${rule}: the image is still the command's`);
  }
  return text;
}

test('shell script (shellscript): exact UTF-16 ranges after Japanese and emoji; the three fixes keep bash -n and the continuations', async () => {
  const { root, uri } = workspaceFile('deploy.sh', SCRIPT);
  await withSession(root, {}, async (s) => {
    s.open(uri, SCRIPT, 'shellscript');
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    const ranges = Object.fromEntries(s.latest(uri)!.diagnostics.map((d) => [d.code, d.range]));
    // `echo "起動 🚀 ${APP:-web}"; ` is 26 UTF-16 code units (the emoji counts two).
    assert.deepEqual(ranges, {
      'pids-limit-missing': at(3, 26, 36), // `docker run`
      privileged: at(3, 40, 52),
      'port-all-interfaces': at(4, 2, 12), // `-p 8080:80`
      'image-no-digest': at(6, 2, 12),
    });
    assert.equal(diag(s, uri, 'privileged')!.severity, 1);
    assert.equal(diag(s, uri, 'privileged')!.source, 'dockwarden');
    assert.equal(await fixScript(s, uri, SCRIPT, '\n'), FIXED_SCRIPT);
  });
});

test('CRLF script: the same ranges as with LF, and the fixes keep CRLF, the continuations and bash -n', async () => {
  const crlf = SCRIPT.replace(/\n/g, '\r\n');
  const { root, uri } = workspaceFile('deploy.sh', crlf);
  const lfUri = uriOf(path.join(root, 'deploy-lf.sh'));
  await withSession(root, {}, async (s) => {
    s.open(uri, crlf, 'shellscript');
    s.open(lfUri, SCRIPT, 'shellscript');
    await s.waitFor('both linted', () => diag(s, uri, 'privileged') && diag(s, lfUri, 'privileged'));
    const shape = (u: string) => s.latest(u)!.diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message }));
    assert.deepEqual(shape(uri), shape(lfUri));
    assert.equal(await fixScript(s, uri, crlf, '\r\n'), FIXED_SCRIPT.replace(/\n/g, '\r\n'));
  });
});

test('Makefile (makefile): recipe ranges after a tab; the fixes keep the recipe valid for make and bash', async () => {
  const text = [
    'IMAGE := nginx:1.25',
    '',
    '.PHONY: run',
    'run:',
    '\t@echo "起動 🐳"',
    '\tdocker run -d --privileged \\',
    '\t  -p 8080:80 \\',
    '\t  $(IMAGE)',
    '',
  ].join('\n');
  const { root, uri } = workspaceFile('Makefile', text);
  await withSession(root, {}, async (s) => {
    s.open(uri, text, 'makefile');
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    assert.deepEqual(diag(s, uri, 'privileged')!.range, at(5, 15, 27));
    assert.deepEqual(diag(s, uri, 'port-all-interfaces')!.range, at(6, 3, 13));
    assert.deepEqual(diag(s, uri, 'pids-limit-missing')!.range, at(5, 1, 11));
    // $(IMAGE) has one literal assignment: the image is known.
    assert.match(diag(s, uri, 'image-no-digest')!.message, /nginx:1\.25/);
    assertMakeRecipe(text, 'run');
    // Ignore on the -p line: above the recipe's first line (a comment line inside the continuation would end it).
    const ignore = (await actionsFor(s, uri, diag(s, uri, 'port-all-interfaces'), ['quickfix'])).find(
      (a) => a.title === 'Ignore port-all-interfaces for this line',
    );
    let current = await applyAndWait(s, uri, text, ignore.edit, 2);
    assert.match(current, /\n\t@echo "起動 🐳"\n\t# dockwarden-ignore port-all-interfaces\n\tdocker run -d --privileged \\\n/);
    assertMakeRecipe(current, 'run');
    assert.ok(!codes(s.latest(uri)).includes('port-all-interfaces'));
    assert.ok(codes(s.latest(uri)).includes('privileged'), 'the rest of the command is still read');
    let version = 2;
    for (const [rule, title] of [
      ['privileged', TITLES.privileged],
      ['pids-limit-missing', TITLES.pids],
    ] as const) {
      const fix = await fixOf(s, uri, rule);
      assertUnsafe(fix, title);
      current = await applyAndWait(s, uri, current, fix.edit, ++version);
      assertMakeRecipe(current, 'run');
      assert.ok(!codes(s.latest(uri)).includes(rule), rule);
    }
    assert.match(current, /\n\tdocker run --pids-limit 200 -d \\\n\t {2}-p 8080:80 \\\n\t {2}\$\(IMAGE\)\n$/);
  });
});

const WORKFLOW = [
  'name: ci',
  'on: push',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    services:',
  '      dind:',
  '        image: docker:27-dind',
  '        options: --privileged',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - name: スモークテスト 🧪',
  '        run: |',
  '          echo "起動 🚀"',
  '          docker run --rm --privileged \\',
  '            -p 8080:80 \\',
  '            nginx:1.25',
  '',
].join('\n');

/** The run: step's script as the runner gets it; its lines are still indented as written. */
function runStep(text: string): string {
  const doc = assertYaml(text);
  const run = doc.jobs.test.steps[1].run as string;
  const block = text.split('\n').slice(13);
  for (const line of block.filter((l) => l.trim() !== '')) assert.match(line, /^ {10}/, `the run: block keeps its indentation:\n${text}`);
  assertBashSyntax(run, 'the run: step');
  return run;
}

test('GitHub Actions workflow, as yaml and as github-actions-workflow: the same diagnostics; fixes leave valid YAML and shell', async () => {
  const root = tempDir('dw-lsp-run-');
  fs.mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
  const files = ['ci.yml', 'ci.yaml'].map((n) => path.join(root, '.github', 'workflows', n));
  for (const f of files) fs.writeFileSync(f, WORKFLOW);
  const [uri, other] = files.map(uriOf);
  await withSession(root, {}, async (s) => {
    s.open(uri, WORKFLOW, 'yaml');
    s.open(other, WORKFLOW, 'github-actions-workflow');
    await s.waitFor('both linted', () => s.latest(uri) && s.latest(other));
    const shape = (u: string) => s.latest(u)!.diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message }));
    assert.deepEqual(shape(uri), shape(other));
    const privileged = s.latest(uri)!.diagnostics.filter((d) => d.code === 'privileged');
    assert.deepEqual(
      privileged.map((d) => d.range),
      [at(8, 17, 29), at(14, 26, 38)],
      'the service options and the run: step',
    );
    assert.deepEqual(diag(s, uri, 'port-all-interfaces')!.range, at(15, 12, 22));
    runStep(WORKFLOW);

    // Ignore on the -p line of the run: block: above `docker run`, inside the block, at its indentation.
    const ignore = (await actionsFor(s, uri, diag(s, uri, 'port-all-interfaces'), ['quickfix'])).find(
      (a) => a.title === 'Ignore port-all-interfaces for this line',
    );
    let text = await applyAndWait(s, uri, WORKFLOW, ignore.edit, 2);
    assert.match(text, /\n {10}echo "起動 🚀"\n {10}# dockwarden-ignore port-all-interfaces\n {10}docker run --rm --privileged \\\n/);
    assert.match(
      runStep(text),
      /^# dockwarden-ignore port-all-interfaces\ndocker run --rm --privileged \\\n {2}-p 8080:80 \\\n {2}nginx:1\.25\n$/m,
    );
    assert.ok(!codes(s.latest(uri)).includes('port-all-interfaces'));
    assert.equal(s.latest(uri)!.diagnostics.filter((d) => d.code === 'privileged').length, 2, 'the command is still read whole');

    let version = 2;
    // The run: step's --privileged (line 15 now), then --pids-limit after its `docker run`.
    for (const rule of ['privileged', 'pids-limit-missing']) {
      const d = s.latest(uri)!.diagnostics.find((x) => x.code === rule && x.range.start.line === 15)!;
      assert.ok(d, `${rule} on the run: step: ${JSON.stringify(s.latest(uri)!.diagnostics.map((x) => [x.code, x.range.start]))}`);
      const [fix] = (await actionsFor(s, uri, d, ['quickfix'])).filter((a) => !/^Ignore /.test(a.title));
      assertUnsafe(fix, rule === 'privileged' ? TITLES.privileged : TITLES.pids);
      text = await applyAndWait(s, uri, text, fix.edit, ++version);
      runStep(text);
    }
    assert.match(text, /\n {10}docker run --pids-limit 200 --rm \\\n {12}-p 8080:80 \\\n {12}nginx:1\.25\n$/);
    // The service's only option: the options: entry goes, the service stays valid.
    const service = s.latest(uri)!.diagnostics.find((x) => x.code === 'privileged')!;
    assert.equal(service.range.start.line, 8);
    const [fix] = (await actionsFor(s, uri, service, ['quickfix'])).filter((a) => !/^Ignore /.test(a.title));
    assertUnsafe(fix, TITLES.privileged);
    text = await applyAndWait(s, uri, text, fix.edit, version + 1);
    assert.match(text, /\n {6}dind:\n {8}image: docker:27-dind\n {4}steps:\n/);
    assert.deepEqual(assertYaml(text).jobs.test.services, { dind: { image: 'docker:27-dind' } });
    assert.ok(!codes(s.latest(uri)).includes('privileged'));
  });
});

test('GitLab CI (.gitlab-ci.yml as yaml): script lines and a folded command; fixes and ignore keep valid YAML and one command', async () => {
  const text = [
    'build:',
    '  image: docker:27',
    '  script:',
    '    - docker run --privileged -p 8080:80 nginx:1.25',
    '    - >',
    '      docker run -d',
    '      -v /var/run/docker.sock:/var/run/docker.sock',
    '      alpine:3.20',
    '',
  ].join('\n');
  const { root, uri } = workspaceFile('.gitlab-ci.yml', text);
  const script = (t: string) => assertYaml(t).build.script as string[];
  await withSession(root, {}, async (s) => {
    s.open(uri, text, 'yaml');
    await s.waitFor('docker-socket-mount', () => diag(s, uri, 'docker-socket-mount'));
    assert.deepEqual(diag(s, uri, 'privileged')!.range, at(3, 17, 29));
    assert.deepEqual(diag(s, uri, 'port-all-interfaces')!.range, at(3, 30, 40));
    assert.deepEqual(diag(s, uri, 'docker-socket-mount')!.range, at(6, 6, 50));

    // Ignore on the folded command's -v line: a comment line inside `>` would be folded into the command, so it
    // goes above the item, as a YAML comment.
    const ignore = (await actionsFor(s, uri, diag(s, uri, 'docker-socket-mount'), ['quickfix'])).find(
      (a) => a.title === 'Ignore docker-socket-mount for this line',
    );
    const ignored = await applyAndWait(s, uri, text, ignore.edit, 2);
    assert.match(ignored, /\n {4}# dockwarden-ignore docker-socket-mount\n {4}- >\n/);
    assert.deepEqual(script(ignored), script(text));
    assert.ok(!codes(s.latest(uri)).includes('docker-socket-mount'));
    assert.ok(!codes(s.latest(uri)).includes('unused-suppression'));

    // Back to the original; remove the socket mount: its line goes, the folded command stays one line.
    s.change(uri, 3, [{ text }]);
    await s.waitFor('version 3', () => s.latest(uri)?.version === 3);
    const socket = await fixOf(s, uri, 'docker-socket-mount');
    assertUnsafe(socket, TITLES.socket);
    let current = await applyAndWait(s, uri, text, socket.edit, 4);
    assert.equal(script(current)[1], 'docker run -d alpine:3.20\n');
    assertBashSyntax(script(current).join('\n'), 'the script lines');
    let version = 4;
    for (const [rule, title] of [
      ['privileged', TITLES.privileged],
      ['port-all-interfaces', TITLES.port],
    ] as const) {
      const fix = await fixOf(s, uri, rule);
      assertUnsafe(fix, title);
      current = await applyAndWait(s, uri, current, fix.edit, ++version);
      assertBashSyntax(script(current).join('\n'), `the script lines after ${rule}`);
    }
    assert.equal(script(current)[0], 'docker run -p 127.0.0.1:8080:80 nginx:1.25');
  });
});

test('ignore for this line on a continued command: the comment goes above the command and covers each of its lines', async () => {
  const text = [
    '#!/bin/sh',
    'if [ -n "${DEPLOY:-}" ]; then',
    '  docker run -d \\',
    '    -p 8080:80 \\',
    '    -v /var/run/docker.sock:/var/run/docker.sock \\',
    '    nginx:1.25',
    'fi',
    '',
  ].join('\n');
  const { root, uri } = workspaceFile('deploy.sh', text);
  await withSession(root, {}, async (s) => {
    s.open(uri, text, 'shellscript');
    await s.waitFor('port-all-interfaces', () => diag(s, uri, 'port-all-interfaces'));
    const actions = await actionsFor(s, uri, diag(s, uri, 'port-all-interfaces'), ['quickfix']);
    const ignore = actions.find((a) => a.title === 'Ignore port-all-interfaces for this line');
    assert.deepEqual(editsFor(ignore.edit, uri), [{ range: at(2, 0, 0), newText: '  # dockwarden-ignore port-all-interfaces\n' }]);
    const after = await applyAndWait(s, uri, text, ignore.edit, 2);
    assertBashSyntax(after, 'the script with the ignore comment');
    assert.ok(!codes(s.latest(uri)).includes('port-all-interfaces'));
    // The command is intact: its other findings are still there, on their lines (one lower now).
    assert.deepEqual(diag(s, uri, 'docker-socket-mount')?.range, at(5, 4, 48));
    assert.deepEqual(diag(s, uri, 'pids-limit-missing')?.range, at(3, 2, 12));
    assert.ok(!codes(s.latest(uri)).includes('unused-suppression'));

    // A comment written by hand on the line before the command covers findings on every line of it.
    const byHand = text.replace(
      'then\n',
      'then\n  # dockwarden-ignore docker-socket-mount,port-all-interfaces,image-no-digest -- dev box\n',
    );
    s.change(uri, 3, [{ text: byHand }]);
    await s.waitFor('version 3', () => s.latest(uri)?.version === 3);
    assert.deepEqual(codes(s.latest(uri)), ['pids-limit-missing']);
  });
});

test('fix all (source.fixAll) on a script: only the safe fixes (https, no-new-privileges); the unsafe ones are left', async () => {
  const text = [
    '#!/bin/bash',
    'curl -fsSL http://example.com/install.sh -o /tmp/install.sh',
    'docker run -d --privileged \\',
    '  -p 8080:80 \\',
    '  nginx:1.25',
    '',
  ].join('\n');
  const { root, uri } = workspaceFile('deploy.sh', text);
  // strict: no-new-privileges-missing (a safe fix) is on.
  await withSession(root, { profile: 'strict' }, async (s) => {
    s.open(uri, text, 'shellscript');
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    // Every fix is offered as a quick fix; only the safe ones are preferred, the others say what may break.
    for (const d of s.latest(uri)!.diagnostics) {
      const [fix] = (await actionsFor(s, uri, d, ['quickfix'])).filter((a) => a.edit && !/^Ignore /.test(a.title));
      if (!fix) continue;
      const safe = (d.data as any)?.fix?.safety === 'safe';
      assert.equal(fix.isPreferred, safe, `${String(d.code)}: ${fix.title}`);
      if (!safe) assert.match(fix.title, / \((may|makes|breaks) [^)]+\)$/, String(d.code));
    }
    const [all] = await actionsFor(s, uri, undefined, ['source.fixAll']);
    assert.equal(all.kind, 'source.fixAll.dockwarden');
    const after = await applyAndWait(s, uri, text, all.edit, 2);
    assert.equal(
      after,
      [
        '#!/bin/bash',
        'curl -fsSL https://example.com/install.sh -o /tmp/install.sh',
        'docker run --security-opt no-new-privileges -d --privileged \\',
        '  -p 8080:80 \\',
        '  nginx:1.25',
        '',
      ].join('\n'),
    );
    assertBashSyntax(after, 'the script after fix all');
    const left = s.latest(uri)!.diagnostics.filter((d) => (d.data as any)?.fix);
    assert.deepEqual(
      left.filter((d) => (d.data as any).fix.safety === 'safe').map((d) => d.code),
      [],
    );
    for (const rule of ['privileged', 'port-all-interfaces', 'pids-limit-missing']) assert.ok(codes(s.latest(uri)).includes(rule), rule);
    assert.deepEqual(await actionsFor(s, uri, undefined, ['source.fixAll.dockwarden']), []);
  });
});

/** A 2,000-line deploy script: functions, loops, case, heredocs, and a docker run every ~40 lines. */
function longScript(): string {
  const out = ['#!/usr/bin/env bash', 'set -euo pipefail', ''];
  for (let i = 0; out.length < 1990; i++) {
    out.push(`deploy_${i}() {`, `  local name="svc-${i}"`, '  if [ -z "${SKIP:-}" ]; then');
    out.push('    for f in a b c; do', '      echo "step $f of $name"', '    done');
    out.push('    case "$1" in', '      up) echo up ;;', '      *) echo other ;;', '    esac');
    out.push('    cat <<EOF >/tmp/$name.conf', '    docker run --privileged not-a-command', 'EOF');
    if (i % 3 === 0)
      out.push('    docker run -d --pids-limit 100 \\', `      --name "$name" \\`, '      -p 127.0.0.1:80:80 \\', '      nginx:1.25');
    else if (i % 3 === 1) out.push(`    docker run -d -p ${8000 + i}:80 nginx:1.25`);
    else out.push('    docker run --rm \\', '      -v "$PWD:/src" \\', '      alpine:3.20 ls /src');
    out.push('  fi', '}', '');
  }
  for (let i = 0; out.length < 2000; i++) out.push(`echo "done ${i}"`);
  return out.join('\n') + '\n';
}

test('typing in a 2,000-line script (incremental didChange): after each burst the diagnostics equal a fresh lint', async () => {
  let text = longScript();
  assert.equal(text.split('\n').length - 1, 2000);
  assertBashSyntax(text, 'the long script');
  const { root, uri } = workspaceFile('deploy.sh', text);
  await withSession(root, {}, async (s) => {
    let version = 1;
    s.open(uri, text, 'shellscript', version);
    await s.waitFor('first lint', () => s.latest(uri), 20_000);
    const shape = (u: string) =>
      s.latest(u)!.diagnostics.map((d) => ({ code: d.code, range: d.range, severity: d.severity, message: d.message }));
    let fresh = 0;
    const compare = async (what: string) => {
      const v = version;
      await s.waitFor(`${what}: version ${v}`, () => s.latest(uri)?.version === v, 20_000);
      const freshUri = uriOf(path.join(root, `fresh-${++fresh}.sh`));
      s.open(freshUri, text, 'shellscript');
      await s.waitFor(`${what}: fresh lint`, () => s.latest(freshUri), 20_000);
      assert.deepEqual(shape(uri), shape(freshUri), what);
      void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
      return shape(uri);
    };
    /** One incremental change, as an editor sends a keystroke. */
    const edit = (start: { line: number; character: number }, end: { line: number; character: number }, newText: string) => {
      const change = { range: { start, end }, text: newText };
      text = applyLspEdits(text, [{ range: change.range, newText }]);
      s.change(uri, ++version, [change]);
    };
    const lines = () => text.split('\n');
    const lineOf = (needle: string, from = 0) => lines().findIndex((l, i) => i >= from && l.includes(needle));

    const before = await compare('opened');
    const privilegedBefore = before.filter((d) => d.code === 'privileged').length;
    assert.equal(privilegedBefore, 0, 'the heredoc and the comment-like text are not commands');

    // 1. Type ` --privileged` after a `docker run` in the middle, one character at a time.
    const target = lineOf('docker run -d -p ', 1000);
    const col = lines()[target].indexOf('docker run') + 'docker run'.length;
    for (const [i, ch] of [...' --privileged'].entries())
      edit({ line: target, character: col + i }, { line: target, character: col + i }, ch);
    const typed = await compare('typed --privileged');
    assert.deepEqual(
      typed.filter((d) => d.code === 'privileged').map((d) => d.range),
      [at(target, col + 1, col + 13)],
    );

    // 2. Enter and Backspace in the middle of a function.
    const mid = lineOf('for f in a b c', 1200);
    edit({ line: mid, character: 0 }, { line: mid, character: 0 }, '\n');
    await compare('Enter');
    edit({ line: mid, character: 0 }, { line: mid + 1, character: 0 }, '');
    await compare('Backspace');

    // 3. Three lines pasted at the top: every finding moves down by three.
    edit({ line: 1, character: 0 }, { line: 1, character: 0 }, '# one\n# two\n# three\n');
    const shifted = await compare('lines pasted at the top');
    assert.deepEqual(
      shifted.filter((d) => d.code === 'privileged').map((d) => d.range),
      [at(target + 3, col + 1, col + 13)],
    );

    // 4. A continued command deleted as a block.
    const block = lineOf('docker run --rm \\', 600);
    edit({ line: block, character: 0 }, { line: block + 3, character: 0 }, '');
    await compare('continued command deleted');

    // 5. An ignore comment typed above the typed command.
    const typedLine = lineOf('docker run --privileged -d -p ');
    const indent = /^ */.exec(lines()[typedLine])![0];
    edit({ line: typedLine, character: 0 }, { line: typedLine, character: 0 }, `${indent}# dockwarden-ignore privileged\n`);
    const ignored = await compare('ignore comment typed');
    assert.ok(!ignored.some((d) => d.code === 'privileged'));

    // 6. A new command typed at the end, one character at a time.
    const last = lines().length - 1;
    for (const [i, ch] of [...'docker run -p 9000:90 alpine:3.20'].entries())
      edit({ line: last, character: i }, { line: last, character: i }, ch);
    const end = await compare('command typed at the end');
    assert.deepEqual(
      end.filter((d) => d.code === 'port-all-interfaces' && d.range.start.line === last).map((d) => d.range),
      [at(last, 11, 21)],
    );
  });
});

test('the language ids other editors send: Neovim filetypes, Eglot modes, no id at all', async () => {
  const SH = 'docker run --privileged nginx:1.25\n';
  const wf = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ' + SH;
  const cases: Array<[string, string, string]> = [
    ['bin/deploy', 'sh', '#!/usr/bin/env bash\n' + SH], // extensionless, by its shebang
    ['bin/release', '', '#!/bin/sh\n' + SH],
    ['deploy.sh', 'bash', SH],
    ['scripts/build.bash', 'bash-ts', SH],
    ['.zshrc', 'zsh', SH],
    ['Makefile', 'make', 'run:\n\t' + SH],
    ['GNUmakefile', 'makefile-gmake', 'run:\n\t' + SH],
    ['build.mak', 'makefile', 'run:\n\t' + SH],
    ['.github/workflows/ci.yml', 'yaml', wf],
    ['.github/workflows/docker-compose.yml', 'dockercompose', wf], // VS Code's id for that name
    ['.gitlab-ci.yml', 'yaml-ts', 'job:\n  script:\n    - ' + SH],
    ['.devcontainer/devcontainer.json', 'json', '{ "image": "nginx:1.25", "privileged": true }\n'],
    ['.devcontainer.json', 'json-ts', '{ "image": "nginx:1.25", "privileged": true }\n'],
  ];
  const root = tempDir('dw-lsp-ids-');
  await withSession(root, {}, async (s) => {
    for (const [name, languageId, text] of cases) {
      const file = path.join(root, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      s.open(uriOf(file), text, languageId);
    }
    for (const [name, languageId] of cases) {
      const uri = uriOf(path.join(root, name));
      await s.waitFor(`${name} (${languageId || 'no id'})`, () => s.latest(uri));
      assert.ok(
        codes(s.latest(uri)).includes('privileged'),
        `${name} as ${JSON.stringify(languageId)}: ${codes(s.latest(uri)).join(', ')}`,
      );
    }
    // Not a script: no extension, no shebang (whatever the id), and Markdown unless dockwarden.markdown is on.
    for (const [name, languageId, text] of [
      ['bin/notes', 'sh', SH],
      ['README.md', 'markdown', '```sh\n' + SH + '```\n'],
    ]) {
      const uri = uriOf(path.join(root, name));
      s.open(uri, text, languageId);
      // A code-action request lints the document if it has not been yet (its diagnostics are sent before the answer).
      assert.deepEqual(await actionsFor(s, uri, undefined, ['quickfix']), [], `${name} as ${languageId}`);
      assert.deepEqual(codes(s.latest(uri)), [], `${name} as ${languageId}`);
    }
  });
});
