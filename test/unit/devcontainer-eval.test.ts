import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintProject } from '../helpers/lint';
import { filesOf } from './devcontainer-util';

/**
 * A labelled set in the style of the held-out evaluation: realistic devcontainer.json files (single-container from
 * an image or a Dockerfile, Compose-based, with features), positives and negatives (forwardPorts, the workspace
 * folder, variables, quoted text, features that do not weaken the container, options under customizations). Each
 * expectation names a rule, a text on the line it is reported at and the file (the devcontainer.json unless said).
 * Precision and recall over the goal rules must stay at or above 0.9, and every difference is named.
 */
const GOAL = new Set([
  'docker-socket-mount',
  'sensitive-host-mount',
  'port-all-interfaces',
  'docker-daemon-port',
  'host-network',
  'host-pid',
  'host-ipc',
  'host-uts',
  'host-userns',
  'privileged',
  'cap-add-dangerous',
  'seccomp-disabled',
  'apparmor-disabled',
  'selinux-disabled',
  'host-devices',
  'root-user',
  'plaintext-secret',
  'image-unpinned',
  'remote-script-piped-to-shell',
  'insecure-download',
  'tls-verification-disabled',
]);

interface Case {
  name: string;
  /** The devcontainer.json, at `.devcontainer/devcontainer.json` unless `file` says otherwise. */
  text: string;
  file?: string;
  /** Other files of the project, by path relative to the project root. */
  files?: Record<string, string>;
  expect: Array<[rule: string, on: string, file?: string]>;
}

const CASES: Case[] = [
  {
    name: 'node-template',
    text: `// For format details, see https://aka.ms/devcontainer.json. For config options, see the
// README at: https://github.com/devcontainers/templates/tree/main/src/typescript-node
{
	"name": "Node.js & TypeScript",
	// Or use a Dockerfile or Docker Compose file. More info: https://containers.dev/guide/dockerfile
	"image": "mcr.microsoft.com/devcontainers/typescript-node:1-22-bookworm",

	// Features to add to the dev container. More info: https://containers.dev/features.
	// "features": {},

	// Use 'forwardPorts' to make a list of ports inside the container available locally.
	"forwardPorts": [3000, 5173],

	// Use 'postCreateCommand' to run commands after the container is created.
	"postCreateCommand": "yarn install",

	// Configure tool-specific properties.
	"customizations": { "vscode": { "extensions": ["dbaeumer.vscode-eslint"] } }

	// Uncomment to connect as root instead. More info: https://aka.ms/dev-containers-non-root.
	// "remoteUser": "root"
}`,
    expect: [],
  },
  {
    name: 'dind',
    text: `{
  "name": "Docker in Docker",
  "image": "mcr.microsoft.com/devcontainers/base:bullseye",
  "features": {
    "ghcr.io/devcontainers/features/docker-in-docker:2": {
      "version": "latest",
      "enableNonRootDocker": "true",
      "moby": "true"
    },
    "ghcr.io/devcontainers/features/kubectl-helm-minikube:1": {}
  },
  "remoteUser": "vscode"
}`,
    expect: [['privileged', 'docker-in-docker:2']],
  },
  {
    name: 'dood',
    text: `{
  "name": "Docker from Docker",
  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",
  "features": {
    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {
      "moby": true,
      "installDockerBuildx": true
    },
    "ghcr.io/devcontainers/features/github-cli:1": {}
  },
  "postCreateCommand": "docker --version"
}`,
    expect: [['docker-socket-mount', 'docker-outside-of-docker:1']],
  },
  {
    name: 'legacy-runargs',
    text: `{
	"name": "Go",
	"build": {
		"dockerfile": "Dockerfile",
		"args": { "VARIANT": "1.22" }
	},
	"runArgs": [
		"--cap-add=SYS_PTRACE",
		"--security-opt",
		"seccomp=unconfined"
	],
	"mounts": [
		"source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"
	],
	"remoteUser": "vscode"
}`,
    files: {
      '.devcontainer/Dockerfile':
        'ARG VARIANT=1.22\nFROM mcr.microsoft.com/vscode/devcontainers/go:${VARIANT}\nRUN go install golang.org/x/tools/gopls@latest\n',
    },
    expect: [
      ['cap-add-dangerous', '--cap-add=SYS_PTRACE'],
      ['seccomp-disabled', '"--security-opt",'],
      ['docker-socket-mount', 'source=/var/run/docker.sock'],
      ['root-user', 'FROM mcr.microsoft.com', '.devcontainer/Dockerfile'],
    ],
  },
  {
    name: 'host-network-gpu',
    text: `{
  "name": "CUDA",
  "image": "nvidia/cuda:12.4.1-devel-ubuntu22.04",
  "runArgs": ["--gpus", "all", "--network=host", "--ipc=host", "--shm-size=8g", "--device=/dev/video0"],
  "containerUser": "root",
  "postCreateCommand": "pip install -r requirements.txt"
}`,
    expect: [
      ['host-network', '--network=host'],
      ['host-ipc', '--network=host'],
      ['host-devices', '--network=host'],
      ['root-user', '"containerUser": "root"'],
    ],
  },
  {
    name: 'ssh-and-aws-mounts',
    text: `{
  "name": "Python 3",
  "image": "mcr.microsoft.com/devcontainers/python:1-3.12-bookworm",
  "mounts": [
    "source=\${localEnv:HOME}\${localEnv:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind,consistency=cached",
    "source=\${localEnv:HOME}/.aws,target=/home/vscode/.aws,type=bind,readonly",
    "source=\${localWorkspaceFolder}/.cache,target=/home/vscode/.cache,type=bind",
    "source=pip-cache,target=/home/vscode/.cache/pip,type=volume"
  ],
  "postCreateCommand": "pip3 install --user -r requirements.txt"
}`,
    expect: [
      ['sensitive-host-mount', '/.ssh,target'],
      ['sensitive-host-mount', '/.aws,target'],
    ],
  },
  {
    name: 'object-mounts',
    text: `{
  "image": "mcr.microsoft.com/devcontainers/rust:1-1-bookworm",
  "mounts": [
    { "source": "\${localEnv:HOME}/.kube", "target": "/home/vscode/.kube", "type": "bind" },
    { "source": "cargo-cache", "target": "/usr/local/cargo/registry", "type": "volume" },
    { "source": "/var/run/docker.sock", "target": "/var/run/docker-host.sock", "type": "bind" }
  ]
}`,
    expect: [
      ['sensitive-host-mount', '/.kube'],
      ['docker-socket-mount', 'docker-host.sock'],
    ],
  },
  {
    name: 'initialize-curl',
    text: `{
  "name": "Tooling",
  "image": "ghcr.io/acme/devbox:2024.10",
  // Runs on the host before the container is built
  "initializeCommand": "curl -fsSL https://raw.githubusercontent.com/acme/devbox/main/bootstrap.sh | bash",
  "onCreateCommand": "wget -qO- https://get.acme.dev/install.sh | sh -s -- --yes",
  "postStartCommand": "echo 'run: curl https://x | sh to update'"
}`,
    expect: [
      ['remote-script-piped-to-shell', 'initializeCommand'],
      ['remote-script-piped-to-shell', 'onCreateCommand'],
    ],
  },
  {
    name: 'lifecycle-object-and-array',
    text: `{
  "image": "mcr.microsoft.com/devcontainers/javascript-node:1-20-bookworm",
  "postCreateCommand": {
    "deps": "npm ci",
    "certs": ["curl", "--insecure", "-o", "/tmp/ca.pem", "https://internal.example.com/ca.pem"],
    "model": "wget http://models.example.com/weights.bin -O /tmp/w.bin"
  },
  "postAttachCommand": ["bash", "-c", "npm config set strict-ssl false"]
}`,
    expect: [
      ['tls-verification-disabled', '"certs"'],
      ['insecure-download', '"model"'],
      ['tls-verification-disabled', 'postAttachCommand'],
    ],
  },
  {
    name: 'privileged-key',
    text: `{
  "name": "Embedded",
  "image": "ghcr.io/acme/embedded-dev:3.1",
  "privileged": true,
  "runArgs": ["-v", "/dev/bus/usb:/dev/bus/usb", "--device-cgroup-rule=c 189:* rmw"],
  "containerEnv": { "TZ": "Europe/Berlin" },
  "remoteUser": "dev"
}`,
    expect: [['privileged', '"privileged": true']],
  },
  {
    name: 'env-secrets',
    text: `{
  "image": "mcr.microsoft.com/devcontainers/go:1-1.22-bookworm",
  "containerEnv": {
    "GITHUB_TOKEN": "\${localEnv:GITHUB_TOKEN}",
    "DATABASE_PASSWORD": "devpassword123",
    "GOFLAGS": "-mod=mod"
  },
  "remoteEnv": {
    "PATH": "\${containerEnv:PATH}:/home/vscode/go/bin",
    "STRIPE_SECRET_KEY": "sk_test_51HxxxxxxxxxxxxxxxxxxxXXX"
  }
}`,
    expect: [
      ['plaintext-secret', 'DATABASE_PASSWORD'],
      ['plaintext-secret', 'STRIPE_SECRET_KEY'],
    ],
  },
  {
    name: 'app-port',
    text: `{
  "image": "mcr.microsoft.com/devcontainers/php:1-8.2-bookworm",
  "appPort": ["8080:80", 9003],
  "forwardPorts": [8080, 3306]
}`,
    expect: [['port-all-interfaces', '"appPort"']],
  },
  {
    name: 'unpinned-image',
    text: `{
  "name": "Ubuntu",
  "image": "ubuntu",
  "postCreateCommand": "apt-get update && apt-get install -y git"
}`,
    expect: [['image-unpinned', '"image": "ubuntu"']],
  },
  {
    name: 'compose-app-db',
    text: `// Compose-based dev container
{
	"name": "Python 3 & PostgreSQL",
	"dockerComposeFile": "docker-compose.yml",
	"service": "app",
	"workspaceFolder": "/workspaces/\${localWorkspaceFolderBasename}",
	"features": {
		"ghcr.io/devcontainers/features/docker-outside-of-docker:1": {}
	},
	"forwardPorts": [5432],
	"postCreateCommand": "pip install --user -r requirements.txt",
	"remoteUser": "vscode"
}`,
    files: {
      '.devcontainer/docker-compose.yml': `version: '3.8'
services:
  app:
    build:
      context: ..
      dockerfile: .devcontainer/Dockerfile
    volumes:
      - ../..:/workspaces:cached
    command: sleep infinity
    network_mode: service:db
  db:
    image: postgres:latest
    restart: unless-stopped
    volumes:
      - postgres-data:/var/lib/postgresql/data
    environment:
      POSTGRES_PASSWORD: postgres
      POSTGRES_USER: postgres
volumes:
  postgres-data:
`,
      '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/python:1-3.12-bullseye\n',
    },
    expect: [
      ['docker-socket-mount', 'docker-outside-of-docker'],
      ['image-unpinned', 'image: postgres:latest', '.devcontainer/docker-compose.yml'],
      ['plaintext-secret', 'POSTGRES_PASSWORD', '.devcontainer/docker-compose.yml'],
      ['root-user', 'FROM', '.devcontainer/Dockerfile'],
    ],
  },
  {
    name: 'compose-two-files',
    text: `{
  "name": "Monorepo",
  "dockerComposeFile": ["../docker-compose.yml", "docker-compose.extend.yml"],
  "service": "api",
  "privileged": true,
  "capAdd": ["SYS_ADMIN"],
  "shutdownAction": "stopCompose"
}`,
    files: {
      'docker-compose.yml': `services:
  api:
    image: ghcr.io/acme/api:1.4.2
    ports:
      - "127.0.0.1:8000:8000"
  redis:
    image: redis:7.2
    ports:
      - "6379:6379"
`,
      '.devcontainer/docker-compose.extend.yml': `services:
  api:
    volumes:
      - ..:/workspace:cached
      - /var/run/docker.sock:/var/run/docker.sock
    command: /bin/sh -c "while sleep 1000; do :; done"
`,
    },
    expect: [
      ['privileged', '"privileged": true'],
      ['cap-add-dangerous', 'SYS_ADMIN'],
      ['port-all-interfaces', '"6379:6379"', 'docker-compose.yml'],
      ['docker-socket-mount', 'docker.sock', '.devcontainer/docker-compose.extend.yml'],
    ],
  },
  {
    name: 'compose-host-network',
    text: `{
  "dockerComposeFile": "compose.yaml",
  "service": "dev",
  "runArgs": ["--privileged"],
  "containerUser": "root"
}`,
    files: {
      '.devcontainer/compose.yaml': `services:
  dev:
    image: ghcr.io/acme/dev:5
    network_mode: host
    pid: host
`,
    },
    expect: [
      ['root-user', 'containerUser'],
      ['host-network', 'network_mode: host', '.devcontainer/compose.yaml'],
      ['host-pid', 'pid: host', '.devcontainer/compose.yaml'],
    ],
  },
  {
    name: 'root-dockerfile',
    text: `{
  "name": "C++",
  "build": { "dockerfile": "Dockerfile", "context": ".." },
  "postCreateCommand": "cmake -B build"
}`,
    files: {
      '.devcontainer/Dockerfile':
        'FROM mcr.microsoft.com/devcontainers/cpp:1-debian-12\nRUN apt-get update && apt-get install -y ninja-build\n',
    },
    expect: [
      ['root-user', '"build"'],
      ['root-user', 'FROM', '.devcontainer/Dockerfile'],
    ],
  },
  {
    name: 'nonroot-dockerfile',
    text: `{
  "build": { "dockerfile": "Dockerfile" },
  "remoteUser": "node",
  "mounts": ["source=node_modules,target=\${containerWorkspaceFolder}/node_modules,type=volume"]
}`,
    files: { '.devcontainer/Dockerfile': 'FROM node:20.11-bookworm\nUSER node\n' },
    expect: [],
  },
  {
    name: 'dotfile-config',
    file: '.devcontainer.json',
    text: `{
  "image": "mcr.microsoft.com/devcontainers/universal:2",
  "runArgs": ["--userns=host", "--uts=host", "--security-opt", "apparmor=unconfined", "--security-opt=label=disable"],
  "features": { "ghcr.io/devcontainers/features/sshd:1": {} }
}`,
    expect: [
      ['host-userns', '--userns=host'],
      ['host-uts', '--userns=host'],
      ['apparmor-disabled', '--userns=host'],
      ['selinux-disabled', '--userns=host'],
    ],
  },
  {
    name: 'named-config',
    file: '.devcontainer/backend/devcontainer.json',
    text: `{
  "name": "Backend",
  "image": "mcr.microsoft.com/devcontainers/java:1-21-bookworm",
  "runArgs": ["-p", "2375:2375", "-e", "DOCKER_TLS_VERIFY="],
  "initializeCommand": ["bash", "-c", "curl -k https://artifacts.internal/ca.crt -o .devcontainer/ca.crt"]
}`,
    expect: [
      ['docker-daemon-port', '"-p", "2375:2375"'],
      ['port-all-interfaces', '"-p", "2375:2375"'],
      ['tls-verification-disabled', 'initializeCommand'],
    ],
  },
  {
    name: 'negatives-in-strings',
    text: `{
  "name": "Docs --privileged",
  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",
  "customizations": {
    "vscode": {
      "settings": { "terminal.integrated.env.linux": { "DOCKER_OPTS": "--privileged --network=host" } }
    }
  },
  "postCreateCommand": "echo 'never run curl https://x | sh' && printf '%s' '-v /var/run/docker.sock:/x'",
  "forwardPorts": [2375],
  "portsAttributes": { "2375": { "label": "not published" } },
  "hostRequirements": { "memory": "8gb" }
}`,
    expect: [],
  },
  {
    name: 'variables-unknown',
    text: `{
  "image": "\${localEnv:DEV_IMAGE}",
  "runArgs": ["--network=\${localEnv:DEV_NETWORK}", "-v", "\${localEnv:SOCKET_PATH}:/var/run/docker.sock"],
  "containerEnv": { "API_KEY": "\${localEnv:API_KEY}" },
  "containerUser": "\${localEnv:USER}"
}`,
    expect: [],
  },
  {
    name: 'compose-nonroot',
    text: `{
  "dockerComposeFile": ["docker-compose.yml"],
  "service": "workspace",
  "remoteUser": "vscode",
  "mounts": ["source=\${localEnv:HOME}/.gitconfig,target=/home/vscode/.gitconfig,type=bind,readonly"]
}`,
    files: {
      '.devcontainer/docker-compose.yml': `services:
  workspace:
    build: .
    volumes:
      - ..:/workspace:cached
    cap_add:
      - SYS_PTRACE
    security_opt:
      - seccomp:unconfined
`,
      '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/base:1-bookworm\nUSER vscode\n',
    },
    expect: [
      ['cap-add-dangerous', 'SYS_PTRACE', '.devcontainer/docker-compose.yml'],
      ['seccomp-disabled', 'seccomp:unconfined', '.devcontainer/docker-compose.yml'],
    ],
  },
  {
    name: 'trailing-commas-and-comments',
    text: `{
  // a comment
  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm", /* inline */
  "runArgs": [
    "--net", "host", // for the VPN
    "--cap-add", "NET_ADMIN",
  ],
  "features": {
    "docker-in-docker": "latest",
  },
}`,
    expect: [
      ['host-network', '"--net", "host"'],
      ['cap-add-dangerous', 'NET_ADMIN'],
      ['privileged', 'docker-in-docker'],
    ],
  },
];

test('labelled Dev Containers set: precision and recall over the goal rules are at least 0.9', (t) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const differences: string[] = [];
  for (const c of CASES) {
    const root = `/eval/${c.name}`;
    const main = path.join(root, c.file ?? '.devcontainer/devcontainer.json');
    const texts: Record<string, string> = { [main]: c.text };
    for (const [rel, text] of Object.entries(c.files ?? {})) texts[path.join(root, rel)] = text;
    const key = (file: string, line: number, rule: string) => `${rule}@${path.relative(root, file)}:${line + 1}`;
    const expected = new Set(
      c.expect.map(([rule, on, rel]) => {
        const file = rel ? path.join(root, rel) : main;
        const line = texts[file].split('\n').findIndex((l) => l.includes(on));
        assert.ok(line >= 0, `${c.name}: no line of ${file} has ${on}`);
        return key(file, line, rule);
      }),
    );
    // The devcontainer's project, and the Dockerfiles it builds (a folder walk lints those too).
    const found = lintProject({ file: main, text: c.text, files: filesOf(texts), roots: [root], options: { profile: 'recommended' } });
    for (const [file, text] of Object.entries(texts)) {
      if (/Dockerfile$/.test(file))
        found.push(...lintProject({ file, text, files: filesOf(texts), roots: [root], options: { profile: 'recommended' } }));
    }
    const got = new Set(found.filter((f) => GOAL.has(f.rule)).map((f) => key(f.at.file, f.at.range.start.line, f.rule)));
    for (const g of got) {
      if (expected.has(g)) tp++;
      else {
        fp++;
        differences.push(`${c.name}: unexpected ${g}`);
      }
    }
    for (const e of expected) {
      if (got.has(e)) continue;
      fn++;
      differences.push(`${c.name}: missed ${e}`);
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  t.diagnostic(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} found, ${fp} unexpected, ${fn} missed)`);
  assert.ok(precision >= 0.9 && recall >= 0.9, differences.join('\n'));
  assert.deepEqual(differences, []);
});
