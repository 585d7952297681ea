/** The language server on devcontainer.json (language `jsonc`) and on a Compose file a devcontainer claims. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParseError } from 'jsonc-parser';
import { parseTree } from 'jsonc-parser';
import { applyLspEdits, codes, editsFor, startSession, tempDir, uriOf, withTimeout, type Diag, type Session } from './harness';

const TEXT = `// Dev container
{
  "name": "web",
  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",
  /* FUSE */
  "privileged": true,
  "runArgs": [
    "--network=host", // the host's services
    "-v", "/var/run/docker.sock:/var/run/docker.sock"
  ],
}
`;

async function withSession(root: string, fn: (s: Session) => Promise<void>): Promise<void> {
  const s = await startSession({ rootDir: root });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

function actionsFor(s: Session, uri: string, d: Diag, only: string[]): Promise<any[]> {
  return withTimeout(
    s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only },
    }) as Promise<any[]>,
    10_000,
  );
}

function jsoncErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  return errors;
}

function workspace(): string {
  const root = tempDir('dw-lsp-dc-');
  fs.mkdirSync(path.join(root, '.devcontainer'));
  return root;
}

test('devcontainer.json (jsonc): diagnostics; the quick fixes leave valid JSONC with every comment; ignore uses //', async () => {
  const root = workspace();
  const file = path.join(root, '.devcontainer', 'devcontainer.json');
  fs.writeFileSync(file, TEXT);
  const uri = uriOf(file);
  await withSession(root, async (s) => {
    s.open(uri, TEXT, 'jsonc');
    const p = await s.waitFor('diagnostics', () => s.latest(uri));
    for (const rule of ['privileged', 'host-network', 'docker-socket-mount', 'pids-limit-missing'])
      assert.ok(codes(p).includes(rule), rule);
    let text = TEXT;
    let version = 1;
    for (const rule of ['privileged', 'host-network', 'docker-socket-mount']) {
      const d = s.latest(uri)!.diagnostics.find((x) => x.code === rule)!;
      const [fix] = await actionsFor(s, uri, d, ['quickfix']);
      // Each of these fixes is unsafe: its title says what may break, and it is not the preferred action.
      assert.match(fix.title, /\((may|breaks) /, `${rule}: ${fix.title}`);
      assert.notEqual(fix.isPreferred, true, `${rule}: ${fix.title}`);
      text = applyLspEdits(text, editsFor(fix.edit, uri));
      assert.deepEqual(jsoncErrors(text), [], text);
      for (const comment of ['// Dev container', '/* FUSE */', "// the host's services"]) assert.ok(text.includes(comment), comment);
      s.change(uri, ++version, [{ text }]);
      const v = version;
      await s.waitFor(`${rule} gone`, () => s.latest(uri)?.version === v && !codes(s.latest(uri)).includes(rule));
    }
    const d = s.latest(uri)!.diagnostics.find((x) => x.code === 'pids-limit-missing')!;
    const ignore = (await actionsFor(s, uri, d, ['quickfix'])).find((a) => a.title === 'Ignore pids-limit-missing for this line');
    text = applyLspEdits(text, editsFor(ignore.edit, uri));
    assert.match(text, /\n {2}\/\/ dockwarden-ignore pids-limit-missing\n {2}"image"/);
    assert.deepEqual(jsoncErrors(text), []);
    s.change(uri, ++version, [{ text }]);
    const v = version;
    await s.waitFor('ignored', () => s.latest(uri)?.version === v && !codes(s.latest(uri)).includes('pids-limit-missing'));
  });
});

test('a Compose file a devcontainer names is linted within its project; editing the devcontainer re-lints it', async () => {
  const root = workspace();
  const dcFile = path.join(root, '.devcontainer', 'devcontainer.json');
  const composeFile = path.join(root, '.devcontainer', 'docker-compose.yml');
  fs.writeFileSync(dcFile, '{ "dockerComposeFile": "docker-compose.yml", "service": "app", "privileged": true }\n');
  fs.writeFileSync(path.join(root, '.devcontainer', 'Dockerfile'), 'FROM mcr.microsoft.com/devcontainers/base:1-bookworm\n');
  const compose = 'services:\n  app:\n    build: .\n    network_mode: host\n';
  fs.writeFileSync(composeFile, compose);
  const uri = uriOf(composeFile);
  const dcUri = uriOf(dcFile);
  await withSession(root, async (s) => {
    s.open(uri, compose, 'dockercompose');
    await s.waitFor(
      'host-network and root-user',
      () => codes(s.latest(uri)).includes('host-network') && codes(s.latest(uri)).includes('root-user'),
    );
    assert.ok(!codes(s.latest(uri)).includes('privileged'), 'the devcontainer’s finding stays in the devcontainer.json');
    // A non-root remoteUser in the (unsaved) devcontainer.json: the service's image no longer decides the user.
    s.open(dcUri, '{ "dockerComposeFile": "docker-compose.yml", "service": "app", "privileged": true, "remoteUser": "vscode" }\n', 'jsonc');
    await s.waitFor('privileged in the devcontainer', () => codes(s.latest(dcUri)).includes('privileged'));
    await s.waitFor('root-user gone from the Compose file', () => !codes(s.latest(uri)).includes('root-user'), 15_000);
    assert.ok(codes(s.latest(uri)).includes('host-network'));
  });
});
