import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectKind } from '../../server/src/analysis/kinds';
import { isDevcontainerPath } from '../../server/src/devcontainer/names';
import { dc, DC, lineOf, of, textAt } from './devcontainer-util';

const IMAGE = '"image": "mcr.microsoft.com/devcontainers/base:1-bookworm"';

function config(...props: string[]): string {
  return `{\n  ${[IMAGE, ...props].join(',\n  ')}\n}\n`;
}

/** Each [rule, text of the finding's line] found, and no other finding of the goal rules. */
function expectOnly(text: string, expected: Array<[string, string]>, ignore: string[] = []): void {
  const noisy = new Set([
    'pids-limit-missing',
    'memory-limit-missing',
    'cpu-limit-missing',
    'cap-drop-missing',
    'no-new-privileges-missing',
    'read-only-rootfs-missing',
    'image-no-digest',
    ...ignore,
  ]);
  const found = dc(text)
    .filter((f) => !noisy.has(f.rule))
    .map((f) => [f.rule, lineOf(text, f).trim()] as [string, string]);
  assert.deepEqual(found.sort(), expected.map(([r, l]) => [r, l.trim()] as [string, string]).sort());
}

test('file names: .devcontainer/devcontainer.json, .devcontainer.json, .devcontainer/<name>/devcontainer.json only', () => {
  for (const f of [
    '/w/.devcontainer/devcontainer.json',
    '/w/.devcontainer.json',
    '/w/.devcontainer/python/devcontainer.json',
    'C:\\w\\.devcontainer\\devcontainer.json',
  ]) {
    assert.ok(isDevcontainerPath(f), f);
  }
  for (const f of [
    '/w/devcontainer.json',
    '/w/.devcontainer/a/b/devcontainer.json',
    '/w/.devcontainer/devcontainer.jsonc',
    '/w/config/.devcontainer.json.bak',
  ]) {
    assert.ok(!isDevcontainerPath(f), f);
  }
  const { Analysis } = require('../../server/src/analysis') as typeof import('../../server/src/analysis');
  const a = new Analysis();
  assert.equal(a.kindOf('/w/.devcontainer/devcontainer.json', { languageId: 'jsonc' }), 'devcontainer');
  assert.equal(
    a.kindOf('/w/settings.json', { languageId: 'jsonc', text: '{}' }),
    undefined,
    'jsonc alone does not make a file a devcontainer',
  );
  assert.equal(a.commentPrefixOf('devcontainer'), '//');
  void detectKind;
});

test('privileged, capAdd, securityOpt keys: reported at the property or the item', () => {
  const text = config(
    '"privileged": true',
    '"capAdd": ["SYS_PTRACE", "NET_BIND_SERVICE"]',
    '"securityOpt": ["seccomp=unconfined", "apparmor=unconfined", "label=disable"]',
  );
  expectOnly(text, [
    ['privileged', '"privileged": true,'],
    ['cap-add-dangerous', '"capAdd": ["SYS_PTRACE", "NET_BIND_SERVICE"],'],
    ['seccomp-disabled', '"securityOpt": ["seccomp=unconfined", "apparmor=unconfined", "label=disable"]'],
    ['apparmor-disabled', '"securityOpt": ["seccomp=unconfined", "apparmor=unconfined", "label=disable"]'],
    ['selinux-disabled', '"securityOpt": ["seccomp=unconfined", "apparmor=unconfined", "label=disable"]'],
  ]);
  const [cap] = of(dc(text), 'cap-add-dangerous');
  assert.equal(textAt(text, cap), '"SYS_PTRACE"');
  const [p] = of(dc(text), 'privileged');
  assert.equal(textAt(text, p), '"privileged": true');
  assert.match(p.message, /^The dev container runs privileged/);
  assert.deepEqual(of(dc(config('"privileged": false')), 'privileged'), []);
});

test('runArgs: the docker flag grammar, = and separate values, reported at the item(s)', () => {
  const text = config(
    '"runArgs": ["--network=host", "--pid", "host", "--ipc=host", "--uts=host", "--userns=host", "--privileged", "--cap-add=SYS_ADMIN", "--security-opt", "seccomp=unconfined", "--device=/dev/fuse", "--log-driver=none", "-p", "8080:80", "-p=2375:2375", "-v", "/:/host", "--user=root", "-e", "GITHUB_TOKEN=ghp_literal0123456789"]',
  );
  const found = dc(text);
  for (const rule of [
    'host-network',
    'host-pid',
    'host-ipc',
    'host-uts',
    'host-userns',
    'privileged',
    'cap-add-dangerous',
    'seccomp-disabled',
    'host-devices',
    'logging-disabled',
    'port-all-interfaces',
    'docker-daemon-port',
    'sensitive-host-mount',
    'root-user',
    'plaintext-secret',
  ]) {
    assert.equal(of(found, rule).length >= 1, true, rule);
  }
  assert.equal(textAt(text, of(found, 'host-pid')[0]), '"--pid", "host"');
  assert.equal(textAt(text, of(found, 'host-network')[0]), '"--network=host"');
  assert.match(of(found, 'host-network')[0].message, /--network host/);
  assert.match(of(found, 'root-user')[0].message, /--user root/);
  assert.match(of(found, 'plaintext-secret')[0].message, /on its command line/);
});

test('mounts: string and object forms, ${localEnv:HOME} and ${localEnv:USERPROFILE} are home, socket and ~/.ssh', () => {
  const text = config(
    `"mounts": [
    "source=\${localEnv:HOME}\${localEnv:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind,consistency=cached",
    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",
    { "source": "\${localEnv:HOME}/.aws", "target": "/home/vscode/.aws", "type": "bind" },
    { "source": "/var/run/docker.sock", "target": "/var/run/docker-host.sock", "type": "bind" },
    "source=\${localWorkspaceFolder}/data,target=/data,type=bind",
    "source=node_modules,target=\${containerWorkspaceFolder}/node_modules,type=volume",
    "source=\${localEnv:XDG_RUNTIME_DIR}/docker.sock,target=/var/run/docker.sock,type=bind",
    "source=/etc,target=/host-etc,type=bind,readonly",
    "source=/run/user,target=/r,type=bind,bind-propagation=rshared"
  ]`,
  );
  expectOnly(text, [
    [
      'sensitive-host-mount',
      '"source=${localEnv:HOME}${localEnv:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind,consistency=cached",',
    ],
    ['docker-socket-mount', '"source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",'],
    ['sensitive-host-mount', '{ "source": "${localEnv:HOME}/.aws", "target": "/home/vscode/.aws", "type": "bind" },'],
    ['docker-socket-mount', '{ "source": "/var/run/docker.sock", "target": "/var/run/docker-host.sock", "type": "bind" },'],
    ['sensitive-host-mount', '"source=/etc,target=/host-etc,type=bind,readonly",'],
    ['mount-propagation-shared', '"source=/run/user,target=/r,type=bind,bind-propagation=rshared"'],
  ]);
  const readOnly = of(dc(text), 'sensitive-host-mount').find((f) => f.message.includes('/etc'));
  assert.equal(readOnly?.severity, 'warning');
});

test('workspaceMount is a mount: the host root or home as the workspace fires; the project folder does not', () => {
  for (const [source, shown] of [
    ['/', '/'],
    ['${localEnv:HOME}', '~'],
  ]) {
    const text = config(`"workspaceMount": "source=${source},target=/workspace,type=bind",\n  "workspaceFolder": "/workspace"`);
    const [f] = of(dc(text), 'sensitive-host-mount');
    assert.ok(f, source);
    assert.match(f.message, new RegExp(`host's ${shown.replace('/', '\\/')} writable`));
    assert.match(lineOf(text, f), /"workspaceMount"/);
    assert.equal(f.fix?.edits.length, 1, 'the read-only fix; never its removal');
    assert.match(f.fix!.title, /read-only|readonly/i);
  }
  const project = config('"workspaceMount": "source=${localWorkspaceFolder},target=/workspace,type=bind,consistency=cached"');
  assert.deepEqual(of(dc(project), 'sensitive-host-mount'), []);
  const socket = config('"workspaceMount": "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"');
  const [s] = of(dc(socket), 'docker-socket-mount');
  assert.ok(s);
  assert.equal(s.fix, undefined, 'removing the workspace mount would change the workspace');
});

test('appPort publishes (a number on 127.0.0.1 only, a string as written); forwardPorts never fires', () => {
  const text = config(
    '"appPort": [3000, "8080:8080", "9229", "127.0.0.1:5000:5000"]',
    '"forwardPorts": [3000, "db:5432", 2375]',
    '"portsAttributes": { "3000": { "label": "App" } }',
  );
  const ports = of(dc(text), 'port-all-interfaces');
  assert.deepEqual(
    ports.map((f) => textAt(text, f)),
    ['"8080:8080"', '"9229"'],
  );
  assert.deepEqual(of(dc(config('"appPort": 2375')), 'docker-daemon-port').length, 1, 'the Docker API port on loopback is still the API');
  assert.deepEqual(of(dc(config('"appPort": "3000:3000"')), 'port-all-interfaces').length, 1);
  assert.deepEqual(
    dc(config('"forwardPorts": [3000, 8080, 2375]')).filter((f) => /port/.test(f.rule)),
    [],
  );
});

test('containerEnv and remoteEnv: literal secrets fire, ${localEnv:...} never; TLS variables', () => {
  const text = config(
    '"containerEnv": { "OPENAI_API_KEY": "sk-live-0123456789abcdef", "GITHUB_TOKEN": "${localEnv:GITHUB_TOKEN}", "NODE_TLS_REJECT_UNAUTHORIZED": "0" }',
    '"remoteEnv": { "DB_PASSWORD": "hunter2hunter2", "PATH": "${containerEnv:PATH}:/extra" }',
  );
  expectOnly(text, [
    [
      'plaintext-secret',
      '"containerEnv": { "OPENAI_API_KEY": "sk-live-0123456789abcdef", "GITHUB_TOKEN": "${localEnv:GITHUB_TOKEN}", "NODE_TLS_REJECT_UNAUTHORIZED": "0" },',
    ],
    [
      'tls-verification-disabled',
      '"containerEnv": { "OPENAI_API_KEY": "sk-live-0123456789abcdef", "GITHUB_TOKEN": "${localEnv:GITHUB_TOKEN}", "NODE_TLS_REJECT_UNAUTHORIZED": "0" },',
    ],
    ['plaintext-secret', '"remoteEnv": { "DB_PASSWORD": "hunter2hunter2", "PATH": "${containerEnv:PATH}:/extra" }'],
  ]);
  assert.match(of(dc(text), 'plaintext-secret')[0].message, /\$\{localEnv:OPENAI_API_KEY\}/);
});

test('containerUser root fires at the key; an image alone says nothing of its user', () => {
  assert.equal(of(dc(config('"containerUser": "root"')), 'root-user').length, 1);
  assert.match(of(dc(config('"containerUser": "0:0"')), 'root-user')[0].message, /containerUser: 0:0/);
  assert.deepEqual(of(dc(config('"containerUser": "vscode"')), 'root-user'), []);
  assert.deepEqual(of(dc(config('"remoteUser": "root"')), 'root-user'), [], 'remoteUser is the tools’ user, and the image is not known');
  assert.deepEqual(of(dc(config('"containerUser": "${localEnv:USER}"')), 'root-user'), []);
});

test('image rules read image; a missing setting is reported at the image key, or the build key', () => {
  const text = '{\n  "image": "ubuntu"\n}\n';
  const found = dc(text);
  assert.equal(of(found, 'image-unpinned').length, 1);
  assert.equal(textAt(text, of(found, 'image-unpinned')[0]), '"ubuntu"');
  assert.equal(textAt(text, of(found, 'pids-limit-missing')[0]), '"image"');
  const built = '{\n  "build": { "dockerfile": "Dockerfile" }\n}\n';
  assert.equal(textAt(built, of(dc(built), 'pids-limit-missing')[0]), '"build"');
  assert.deepEqual(
    dc('{ "name": "no image" }').filter((f) => f.rule !== 'unused-suppression'),
    [],
    'no container, no missing settings',
  );
  assert.deepEqual(of(dc(config('"runArgs": ["--pids-limit=100", "--memory=2g", "--cpus=2"]')), 'pids-limit-missing'), []);
  assert.deepEqual(of(dc(config('"runArgs": ["--memory", "2g"]')), 'memory-limit-missing'), []);
});

test('features: docker-outside-of-docker (and docker-from-docker) mount the socket, docker-in-docker runs privileged, any version', () => {
  const text = config(
    `"features": {
    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": { "moby": true },
    "ghcr.io/devcontainers/features/docker-in-docker:2.12.0": {},
    "ghcr.io/devcontainers/features/node:1": {},
    "docker-from-docker": "latest",
    "ghcr.io/devcontainers/features/docker-in-docker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": {}
  }`,
  );
  expectOnly(text, [
    ['docker-socket-mount', '"ghcr.io/devcontainers/features/docker-outside-of-docker:1": { "moby": true },'],
    ['privileged', '"ghcr.io/devcontainers/features/docker-in-docker:2.12.0": {},'],
    ['docker-socket-mount', '"docker-from-docker": "latest",'],
    [
      'privileged',
      '"ghcr.io/devcontainers/features/docker-in-docker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": {}',
    ],
  ]);
  const found = dc(text);
  const socket = of(found, 'docker-socket-mount')[0];
  assert.equal(textAt(text, socket), '"ghcr.io/devcontainers/features/docker-outside-of-docker:1"');
  assert.match(socket.message, /^The feature ghcr\.io\/devcontainers\/features\/docker-outside-of-docker:1 mounts the Docker socket/);
  assert.equal(socket.fix, undefined, 'a feature is not removed by a quick fix');
  assert.match(of(found, 'privileged')[0].message, /uses the feature .*docker-in-docker:2\.12\.0, which runs it privileged/);
  assert.deepEqual(
    dc(
      config('"features": { "ghcr.io/devcontainers/features/github-cli:1": {}, "ghcr.io/acme/features/docker-in-docker-docs:1": {} }'),
    ).filter((f) => f.rule === 'privileged'),
    [],
  );
});

test('privileged in several places: each is reported (key, runArgs, feature)', () => {
  const text = config(
    '"privileged": true',
    '"runArgs": ["--privileged"]',
    '"features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} }',
  );
  assert.equal(of(dc(text), 'privileged').length, 3);
});

test('lifecycle commands: string = shell, array = argv, object = several; initializeCommand runs on the host', () => {
  const text = config(
    '"initializeCommand": "curl -fsSL https://get.example.com | sh"',
    '"onCreateCommand": ["bash", "-c", "wget -qO- https://x.example/i.sh | bash"]',
    '"postCreateCommand": { "deps": "pip install --trusted-host pypi.example -r requirements.txt", "tool": ["curl", "-k", "https://example.com/t"] }',
    '"postStartCommand": "curl http://example.com/data -o /tmp/d && echo \\"curl x | sh\\""',
    '"postAttachCommand": "echo hello"',
    '"updateContentCommand": "npm ci"',
  );
  const found = dc(text);
  const pipes = of(found, 'remote-script-piped-to-shell');
  assert.equal(pipes.length, 2);
  assert.match(pipes.find((f) => lineOf(text, f).includes('initializeCommand'))!.message, /^initializeCommand runs on the host/);
  assert.match(pipes.find((f) => lineOf(text, f).includes('onCreateCommand'))!.message, /in the dev container/);
  const tls = of(found, 'tls-verification-disabled');
  assert.deepEqual(tls.map((f) => textAt(text, f)).sort(), ['"-k"', '--trusted-host'].sort());
  const http = of(found, 'insecure-download');
  assert.equal(http.length, 1);
  assert.equal(textAt(text, http[0]), 'http://example.com/data');
  const hostTls = dc(config('"initializeCommand": "curl --insecure https://example.com/x -o x && wget http://example.com/y"'));
  assert.match(of(hostTls, 'tls-verification-disabled')[0].message, /^initializeCommand runs on the host/);
  assert.match(of(hostTls, 'insecure-download')[0].message, /^initializeCommand runs on the host/);
});

test('variables: ${localWorkspaceFolder} is the project, other variables are unknown and never fire', () => {
  assert.deepEqual(of(dc(config('"mounts": ["source=${localWorkspaceFolder},target=/workspace,type=bind"]')), 'sensitive-host-mount'), []);
  assert.deepEqual(
    of(dc(config('"mounts": ["source=${localEnv:DOCKER_SOCK},target=/var/run/docker.sock,type=bind"]')), 'docker-socket-mount'),
    [],
  );
  assert.deepEqual(of(dc(config('"runArgs": ["--network=${localEnv:NET}"]')), 'host-network'), []);
  assert.deepEqual(of(dc(config('"image": "${localEnv:IMAGE}"')), 'image-unpinned'), []);
  assert.equal(of(dc(config('"runArgs": ["-v", "${localEnv:HOME}/.kube:/root/.kube"]')), 'sensitive-host-mount').length, 1);
  assert.equal(
    of(dc(config('"mounts": ["source=${localEnv:USERPROFILE}/.docker,target=/root/.docker,type=bind"]')), 'sensitive-host-mount').length,
    1,
  );
});

test('unknown keys and unknown runArgs flags change nothing', () => {
  const text = config(
    '"customizations": { "vscode": { "extensions": ["ms-python.python"], "settings": { "privileged": true } } }',
    '"hostRequirements": { "cpus": 4 }',
    '"runArgs": ["--frobnicate", "--init"]',
    '"shutdownAction": "stopCompose"',
  );
  expectOnly(text, []);
});

test('positions are UTF-16 code units: Japanese and emoji before the value; CRLF line ends', () => {
  const text = '{\r\n  "name": "開発 🐳",\r\n  // 説明 🚀\r\n  "image": "node:20", "privileged": true\r\n}\r\n';
  const [p] = of(dc(text), 'privileged');
  assert.deepEqual(p.at.range.start, { line: 3, character: 22 });
  assert.equal(textAt(text, p), '"privileged": true');
  assert.match(p.message, /開発 🐳/);
  const emoji = '{ "name": "🐳🐳", "image": "node:20", "runArgs": ["--network=host"] }';
  const [h] = of(dc(emoji), 'host-network');
  assert.equal(h.at.range.start.character, emoji.indexOf('"--network=host"'));
});

test('the file is a dev container of its own project: Japanese messages name it', () => {
  const ja = require('../helpers/lint') as typeof import('../helpers/lint');
  const text = config('"privileged": true');
  const r = ja.lintText({ file: DC, text, options: { locale: 'ja' } });
  assert.match(of(r.findings, 'privileged')[0].message, /^この開発コンテナは privileged/);
});
