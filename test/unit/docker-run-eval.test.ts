import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './docker-run-util';

/**
 * A labelled set in the style of the held-out evaluation (scripts, Makefiles, GitHub Actions, GitLab CI, with
 * negatives: flags after the image, commands in strings, heredocs and comments). Each expectation names a rule and
 * a text on the line it is reported at. Precision and recall over the goal rules must stay at or above 0.9; the
 * test also names every difference, so a regression shows what changed.
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
  file: string;
  text: string;
  expect: [rule: string, on: string][];
}

const CASES: Case[] = [
  {
    file: 'deploy.sh',
    text: [
      '#!/bin/bash',
      'set -e',
      'docker pull nginx:1.27',
      'docker run -d --name web -p 80:80 -v /srv/www:/usr/share/nginx/html:ro nginx:1.27',
      'docker run -d --name agent --privileged -v /var/run/docker.sock:/var/run/docker.sock portainer/agent:2.21.0',
      'echo "now run: docker run --privileged -v /:/host alpine"',
      '# docker run --net=host alpine:3.20',
    ].join('\n'),
    expect: [
      ['port-all-interfaces', '-p 80:80'],
      ['privileged', '--name agent'],
      ['docker-socket-mount', '--name agent'],
    ],
  },
  {
    file: 'backup.sh',
    text: [
      '#!/bin/sh',
      'docker run --rm \\',
      '  -v "$HOME/.ssh:/root/.ssh" \\',
      '  -v backups:/backups \\',
      '  -e AWS_SECRET_ACCESS_KEY=AKIAEXAMPLEKEY123 \\',
      '  ghcr.io/acme/backup:3.1.0 backup --privileged --net=host',
      'cat <<MOTD > /tmp/motd',
      'docker run --privileged -v /:/host alpine',
      'MOTD',
    ].join('\n'),
    expect: [
      ['sensitive-host-mount', '.ssh'],
      ['plaintext-secret', 'AWS_SECRET'],
    ],
  },
  {
    file: 'install.sh',
    text: [
      '#!/usr/bin/env bash',
      'curl -fsSL https://get.docker.com | sh',
      'wget -qO- http://example.com/setup.sh | bash',
      'curl --insecure -o /tmp/k https://k.example.com/k',
      'sh -c "$(curl -fsSL https://raw.example.com/install.sh)"',
      'echo "curl http://x | sh"',
    ].join('\n'),
    expect: [
      ['remote-script-piped-to-shell', 'get.docker.com'],
      ['remote-script-piped-to-shell', 'setup.sh'],
      ['insecure-download', 'setup.sh'],
      ['tls-verification-disabled', '--insecure'],
      ['remote-script-piped-to-shell', 'raw.example.com'],
    ],
  },
  {
    file: 'run-dev.sh',
    text: [
      '#!/bin/bash',
      'IMAGE=myapp:dev',
      'docker run --rm -it -p 127.0.0.1:3000:3000 -v "$(pwd)":/app -w /app "$IMAGE" npm start',
      'docker run --rm -u 0 --network host --pid host busybox:1.36 top',
      'podman run --rm --security-opt label=disable --cap-add SYS_ADMIN -v /dev:/dev quay.io/podman/stable:v5 podman info',
      'docker run --rm $DOCKER_OPTS "$IMAGE"',
    ].join('\n'),
    expect: [
      ['root-user', '-u 0'],
      ['host-network', '-u 0'],
      ['host-pid', '-u 0'],
      ['selinux-disabled', 'label=disable'],
      ['cap-add-dangerous', 'SYS_ADMIN'],
      ['sensitive-host-mount', 'SYS_ADMIN'],
    ],
  },
  {
    file: 'Makefile',
    text: [
      'IMAGE ?= acme/api:1.8.2',
      'PORT := 8080',
      '',
      '.PHONY: run test',
      '',
      'run:',
      '\tdocker run --rm -p $(PORT):8080 $(IMAGE)',
      '',
      'test:',
      '\t@docker run --rm -v $(CURDIR):/src -w /src golang:1.23 go test ./...',
      'ifdef CI',
      '\t-docker run --rm --privileged -v /var/run/docker.sock:/var/run/docker.sock docker:27-cli docker ps',
      'endif',
      '\techo "docker run --privileged alpine"',
    ].join('\n'),
    expect: [
      ['port-all-interfaces', '$(PORT)'],
      ['privileged', 'docker:27-cli'],
      ['docker-socket-mount', 'docker:27-cli'],
    ],
  },
  {
    file: 'mk/docker.mk',
    text: [
      'DOCKER_RUN = docker run --rm --privileged',
      'shell:',
      '\t$(DOCKER_RUN) -it alpine sh',
      'daemon:',
      '\tdocker run -d -p 2375:2375 docker:27-dind',
    ].join('\n'),
    expect: [
      // Make expands $(DOCKER_RUN) (one literal assignment) before the shell runs the recipe.
      ['privileged', '$(DOCKER_RUN) -it'],
      ['image-unpinned', '$(DOCKER_RUN) -it'],
      ['docker-daemon-port', '2375'],
      ['port-all-interfaces', '2375'],
    ],
  },
  {
    file: '.github/workflows/ci.yml',
    text: [
      'name: CI',
      'on: [push, pull_request]',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    services:',
      '      docker:',
      '        image: docker:27-dind',
      '        options: --privileged',
      '      postgres:',
      '        image: postgres:16',
      '        env:',
      '          POSTGRES_PASSWORD: postgres',
      '        ports:',
      '          - 5432:5432',
      '        options: >-',
      '          --health-cmd pg_isready',
      '          --health-interval 10s',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - name: Lint',
      '        run: docker run --rm -v ${{ github.workspace }}:/src -w /src hadolint/hadolint:v2.12.0 hadolint Dockerfile',
      '      - name: Scan',
      '        run: |',
      '          docker run --rm \\',
      '            -v /var/run/docker.sock:/var/run/docker.sock \\',
      '            aquasec/trivy:0.56.1 image myapp:ci',
      '      - name: Notes',
      '        run: echo "docker run --privileged is not used here"',
      '      - name: Windows',
      '        shell: pwsh',
      '        run: docker run --privileged mcr.microsoft.com/windows/servercore:ltsc2022',
    ].join('\n'),
    expect: [
      ['privileged', 'options: --privileged'],
      ['plaintext-secret', 'POSTGRES_PASSWORD'],
      ['port-all-interfaces', '5432:5432'],
      ['docker-socket-mount', '/var/run/docker.sock:/var/run/docker.sock \\'],
    ],
  },
  {
    file: '.github/workflows/release.yaml',
    text: [
      'on:',
      '  push:',
      "    tags: ['v*']",
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-22.04',
      '    container:',
      '      image: node:20',
      '      options: --user root',
      '      volumes:',
      '        - /var/run/docker.sock:/var/run/docker.sock',
      '    steps:',
      '      - run: curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
      '      - run: docker run --rm -e NPM_TOKEN=${{ secrets.NPM_TOKEN }} -e GITHUB_TOKEN node:20.17 npm publish',
    ].join('\n'),
    expect: [
      ['root-user', '--user root'],
      ['docker-socket-mount', '- /var/run/docker.sock'],
      ['remote-script-piped-to-shell', 'nodesource'],
    ],
  },
  {
    file: '.gitlab-ci.yml',
    text: [
      'stages: [build, test]',
      'variables:',
      '  DOCKER_TLS_CERTDIR: ""',
      'build:',
      '  stage: build',
      '  image: docker:27.3',
      '  services:',
      '    - docker:27.3-dind',
      '  script:',
      '    - docker build -t app:ci .',
      '    - docker run --rm --privileged -v /var/run/docker.sock:/var/run/docker.sock app:ci ./selftest',
      '    - \'echo "docker run --privileged x"\'',
      'test:',
      '  stage: test',
      '  image: python:3.12',
      '  before_script:',
      '    - pip install --trusted-host pypi.example.com -r requirements.txt',
      '  script:',
      '    - |',
      '      docker run --rm \\',
      '        -p 8000:8000 \\',
      '        app:ci pytest',
    ].join('\n'),
    expect: [
      ['privileged', 'app:ci ./selftest'],
      ['docker-socket-mount', 'app:ci ./selftest'],
      ['tls-verification-disabled', '--trusted-host'],
      ['port-all-interfaces', '-p 8000:8000'],
    ],
  },
  {
    file: 'ci/.gitlab-ci.yml',
    text: [
      '.docker: &docker',
      '  - docker run --rm --network host --ipc=host alpine:3.20 true',
      'job:',
      '  image: alpine',
      '  script:',
      '    - *docker',
      '    - apk add --allow-untrusted ./pkg.apk',
    ].join('\n'),
    expect: [
      ['host-network', '--network host'],
      ['host-ipc', '--network host'],
      ['image-unpinned', 'image: alpine'],
      ['tls-verification-disabled', '--allow-untrusted'],
    ],
  },
];

test('labelled command-line set: precision and recall over the goal rules are at least 0.9', (t) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const differences: string[] = [];
  for (const c of CASES) {
    const lines = c.text.split('\n');
    const expected = new Set(
      c.expect.map(([rule, on]) => {
        const line = lines.findIndex((l) => l.includes(on));
        assert.ok(line >= 0, `${c.file}: no line has ${on}`);
        return `${rule}@${line}`;
      }),
    );
    const got = new Set(
      lint(`/eval/${c.file}`, `${c.text}\n`)
        .filter((f) => GOAL.has(f.rule))
        .map((f) => `${f.rule}@${f.at.range.start.line}`),
    );
    for (const g of got) {
      if (expected.has(g)) tp++;
      else {
        fp++;
        differences.push(`${c.file}: unexpected ${g}`);
      }
    }
    for (const e of expected) {
      if (got.has(e)) continue;
      fn++;
      differences.push(`${c.file}: missed ${e}`);
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  t.diagnostic(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} found, ${fp} unexpected, ${fn} missed)`);
  assert.ok(precision >= 0.9 && recall >= 0.9, differences.join('\n'));
  assert.deepEqual(differences, []);
});
