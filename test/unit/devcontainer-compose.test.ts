import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analysis, textBytes } from '../../server/src/analysis';
import { dc, DC, filesOf, of, project, textAt } from './devcontainer-util';

const COMPOSE = '/w/.devcontainer/docker-compose.yml';
const ROOT_COMPOSE = '/w/docker-compose.yml';

const DEVCONTAINER = `{
  "name": "App and DB",
  "dockerComposeFile": ["../docker-compose.yml", "docker-compose.yml"],
  "service": "app",
  "workspaceFolder": "/workspaces/\${localWorkspaceFolderBasename}",
  "privileged": true,
  "capAdd": ["SYS_PTRACE"],
  "containerEnv": { "API_TOKEN": "plain-text-token-123" },
  "features": { "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {} },
  "postCreateCommand": "curl -sSL https://install.example.com | bash"
}
`;

const FILES: Record<string, string> = {
  [ROOT_COMPOSE]: 'services:\n  app:\n    image: ghcr.io/acme/app:1.2.3\n    ports:\n      - "8000:8000"\n  db:\n    image: postgres:16\n',
  [COMPOSE]:
    'services:\n  app:\n    volumes:\n      - ..:/workspaces:cached\n      - /var/run/docker.sock:/var/run/docker.sock\n    command: sleep infinity\n  db:\n    network_mode: host\n',
};

test('dockerComposeFile: the files are one project, merged in order; findings stay where each value is written', () => {
  const all = project(DEVCONTAINER, FILES);
  const where = (rule: string) => of(all, rule).map((f) => `${path.basename(f.at.file)}:${f.at.range.start.line + 1}`);
  // The devcontainer's own settings apply to its service, reported in the devcontainer.json.
  assert.deepEqual(where('privileged'), ['devcontainer.json:6']);
  assert.deepEqual(where('cap-add-dangerous'), ['devcontainer.json:7']);
  assert.deepEqual(where('plaintext-secret'), ['devcontainer.json:8']);
  assert.deepEqual(where('remote-script-piped-to-shell'), ['devcontainer.json:10']);
  // The feature's socket and the override file's socket: both, each where written.
  assert.deepEqual(where('docker-socket-mount').sort(), ['devcontainer.json:9', 'docker-compose.yml:5'].sort());
  assert.ok(of(all, 'docker-socket-mount').some((f) => f.at.file === COMPOSE));
  // The base file's port, and the override's network_mode for db.
  assert.deepEqual(
    of(all, 'port-all-interfaces').map((f) => f.at.file),
    [ROOT_COMPOSE],
  );
  assert.deepEqual(
    of(all, 'host-network').map((f) => f.at.file),
    [COMPOSE],
  );
  const [p] = of(all, 'privileged');
  assert.match(p.message, /^Service 'app' runs privileged/);
});

test('Compose-based: runArgs, appPort and image are not read (the CLI ignores them); the service decides missing settings', () => {
  const text = DEVCONTAINER.replace(
    '"service": "app",',
    '"service": "app", "runArgs": ["--network=host"], "appPort": ["9000:9000"], "image": "ubuntu",',
  );
  const own = dc(text, FILES);
  assert.deepEqual(of(own, 'host-network'), []);
  assert.deepEqual(of(own, 'port-all-interfaces'), []);
  assert.deepEqual(of(own, 'image-unpinned'), []);
  assert.deepEqual(of(own, 'pids-limit-missing'), [], 'missing settings are the service’s, reported in its Compose file');
  assert.ok(of(project(text, FILES), 'pids-limit-missing').every((f) => f.at.file !== DC));
});

test('a service that is not in the project: the devcontainer settings are still checked, missing settings never fire', () => {
  const text = DEVCONTAINER.replace('"service": "app"', '"service": "nope"');
  const own = dc(text, FILES);
  assert.equal(of(own, 'privileged').length, 1);
  assert.match(of(own, 'privileged')[0].message, /^The dev container 'App and DB' runs privileged/);
  for (const rule of [
    'pids-limit-missing',
    'memory-limit-missing',
    'cap-drop-missing',
    'no-new-privileges-missing',
    'read-only-rootfs-missing',
    'root-user',
  ]) {
    assert.deepEqual(of(own, rule), [], rule);
  }
});

test('root-user: a service built as root with no non-root user fires in the Compose file; remoteUser or containerUser keep it quiet', () => {
  const files = {
    [COMPOSE]: 'services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile\n',
    '/w/.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/base:1-bookworm\nRUN echo hi\n',
  };
  const base = '{ "dockerComposeFile": "docker-compose.yml", "service": "app" }';
  assert.deepEqual(
    of(project(base, files), 'root-user').map((f) => f.at.file),
    [COMPOSE],
  );
  assert.deepEqual(of(project(base.replace('}', ', "remoteUser": "vscode" }'), files), 'root-user'), []);
  assert.deepEqual(of(project(base.replace('}', ', "containerUser": "vscode" }'), files), 'root-user'), []);
  const root = of(project(base.replace('}', ', "containerUser": "root" }'), files), 'root-user');
  assert.deepEqual(
    root.map((f) => f.at.file),
    [DC],
  );
});

test('build: the Dockerfile (relative to the devcontainer.json) decides root-user when no user is set', () => {
  const files = {
    '/w/.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/base:1-bookworm\n',
    '/w/.devcontainer/nonroot.Dockerfile': 'FROM node:20\nUSER node\n',
  };
  const text = '{\n  "build": { "dockerfile": "Dockerfile", "context": ".." }\n}\n';
  const [r] = of(dc(text, files), 'root-user');
  assert.equal(textAt(text, r), '"build"');
  assert.match(r.message, /sets neither containerUser nor a non-root remoteUser, and its Dockerfile Dockerfile ends/);
  assert.deepEqual(of(dc(text.replace('}\n}', '},\n  "remoteUser": "vscode"\n}'), files), 'root-user'), []);
  assert.deepEqual(of(dc(text.replace('"Dockerfile"', '"nonroot.Dockerfile"'), files), 'root-user'), []);
  assert.deepEqual(of(dc('{ "dockerFile": "Dockerfile" }', files), 'root-user').length, 1, 'the old top-level dockerFile');
  assert.deepEqual(of(dc(text, {}), 'root-user'), [], 'a Dockerfile that cannot be read decides nothing');
});

test('a Compose file named only by a devcontainer is not linted alone; an open one is linted within its project', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-dc-'));
  try {
    fs.mkdirSync(path.join(ws, '.devcontainer'));
    fs.writeFileSync(
      path.join(ws, '.devcontainer', 'devcontainer.json'),
      '{ "dockerComposeFile": "docker-compose.yml", "service": "app", "privileged": true }',
    );
    fs.writeFileSync(
      path.join(ws, '.devcontainer', 'docker-compose.yml'),
      'services:\n  app:\n    image: node:20\n    network_mode: host\n',
    );
    fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
    const analysis = new Analysis({ roots: [ws] });
    const found = analysis.discover(['.'], ws).files.map((f) => path.relative(ws, f.path));
    assert.deepEqual(found.sort(), ['.devcontainer/devcontainer.json', 'compose.yaml'].sort());
    const compose = path.join(ws, '.devcontainer', 'docker-compose.yml');
    const text = 'services:\n  app:\n    image: node:20\n    network_mode: host\n    cap_add: [SYS_ADMIN]\n';
    const open = analysis.lint(compose, { text, explicit: true });
    assert.equal(open.kind, 'compose');
    assert.deepEqual(
      open.findings
        .filter((f) => ['host-network', 'cap-add-dangerous'].includes(f.rule))
        .map((f) => f.rule)
        .sort(),
      ['cap-add-dangerous', 'host-network'],
    );
    assert.ok(open.findings.every((f) => f.at.file === compose));
    assert.deepEqual(
      open.elsewhere.map((f) => f.rule),
      ['privileged'],
      'the devcontainer’s own finding is elsewhere',
    );
    assert.ok(open.dependencies.includes(path.join(ws, '.devcontainer', 'devcontainer.json')));
    // Named explicitly, the Compose file is still linted within the devcontainer's project.
    assert.deepEqual(analysis.discover(['.devcontainer/docker-compose.yml'], ws).files.length, 1);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('a Compose file outside .devcontainer that a devcontainer also names is linted alone too (Compose runs it by itself)', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-dc-'));
  try {
    fs.mkdirSync(path.join(ws, '.devcontainer'));
    fs.writeFileSync(
      path.join(ws, '.devcontainer', 'devcontainer.json'),
      '{ "dockerComposeFile": "../docker-compose.yml", "service": "app" }',
    );
    fs.writeFileSync(path.join(ws, 'docker-compose.yml'), 'services:\n  app:\n    image: node:20\n');
    const found = new Analysis({ roots: [ws] }).discover(['.'], ws).files.map((f) => path.relative(ws, f.path));
    assert.deepEqual(found.sort(), ['.devcontainer/devcontainer.json', 'docker-compose.yml']);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('Compose files outside the allowed folders are not read', () => {
  const files = { '/outside/docker-compose.yml': 'services:\n  app:\n    image: node:20\n    privileged: true\n' };
  const text = '{ "dockerComposeFile": "/outside/docker-compose.yml", "service": "app" }';
  const analysis = new Analysis({ bytes: textBytes(filesOf({ ...files, [DC]: text })), roots: ['/w'] });
  const r = analysis.lint(DC, { text, explicit: true });
  assert.deepEqual(of([...r.findings, ...r.elsewhere], 'privileged'), []);
});

test('owners of a claimed Compose file: the devcontainer.json files above it inside .devcontainer, and .devcontainer.json', () => {
  const { DevcontainerFrontEnd } =
    require('../../server/src/devcontainer/frontend') as typeof import('../../server/src/devcontainer/frontend');
  const fe = new DevcontainerFrontEnd({ frontEnd: () => undefined });
  assert.deepEqual(fe.ownersOf('/w/.devcontainer/compose/docker-compose.yml'), [
    '/w/.devcontainer/compose/devcontainer.json',
    '/w/.devcontainer/devcontainer.json',
    '/w/.devcontainer.json',
  ]);
  assert.deepEqual(fe.ownersOf('/w/docker-compose.yml'), []);
  const text = '{ "dockerComposeFile": ".devcontainer/docker-compose.yml", "service": "app" }';
  const files = { '/w/.devcontainer/docker-compose.yml': 'services:\n  app:\n    image: node:20.11\n    privileged: true\n' };
  const analysis = new Analysis({ bytes: textBytes(filesOf({ ...files, '/w/.devcontainer.json': text })), roots: ['/w'] });
  const r = analysis.lint('/w/.devcontainer/docker-compose.yml', { explicit: true });
  assert.ok(r.dependencies.includes('/w/.devcontainer.json'), 'linted within the .devcontainer.json project');
  assert.equal(of(r.findings, 'privileged').length, 1);
});

test('a Compose file shared by .devcontainer/<name>/devcontainer.json configurations is linted within one of them', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-dc-'));
  try {
    for (const name of ['node', 'python']) {
      fs.mkdirSync(path.join(ws, '.devcontainer', name), { recursive: true });
      fs.writeFileSync(
        path.join(ws, '.devcontainer', name, 'devcontainer.json'),
        `{ "dockerComposeFile": "../docker-compose.yml", "service": "${name}", "privileged": true }`,
      );
    }
    const compose = path.join(ws, '.devcontainer', 'docker-compose.yml');
    fs.writeFileSync(compose, 'services:\n  node:\n    image: node:20\n  python:\n    image: python:3.12\n    network_mode: host\n');
    const analysis = new Analysis({ roots: [ws] });
    const found = analysis.discover(['.'], ws).files.map((f) => path.relative(ws, f.path));
    assert.deepEqual(found.sort(), ['.devcontainer/node/devcontainer.json', '.devcontainer/python/devcontainer.json']);
    const open = analysis.lint(compose, { explicit: true });
    assert.equal(open.kind, 'compose');
    assert.ok(open.dependencies.includes(path.join(ws, '.devcontainer', 'node', 'devcontainer.json')), 'linted within the first owner');
    assert.deepEqual(of(open.findings, 'host-network').length, 1);
    assert.deepEqual(of(open.elsewhere, 'privileged').length, 1, 'the owner’s own finding is elsewhere');
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
