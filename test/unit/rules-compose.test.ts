/**
 * Every compose rule on real YAML text: a case that fires (with its fix applied and checked) and a near
 * miss that must not. Runs the whole pipeline (parser -> model -> rules -> engine) through lintFile.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../helpers/lint';
import type { Finding, RuleSettings } from '../../shared-rules/src/rule';
import { applyEdits } from '../helpers/edits';

const FILE = '/project/compose.yaml';

function lint(text: string, settings?: RuleSettings): Finding[] {
  return lintText({ file: FILE, text, kind: 'compose', options: { settings } }).findings;
}

/** A compose file with one service `web` whose body is `body` (indented by the helper). */
function web(body: string, extra = ''): string {
  const lines = body.split('\n').map((l) => (l ? `    ${l}` : l));
  return `services:\n  web:\n${lines.join('\n')}\n${extra}`;
}

interface FireCase {
  name: string;
  rule: string;
  text: string;
  settings?: RuleSettings;
  /** How many findings of `rule` (default 1). */
  count?: number;
  message?: RegExp;
  severity?: Finding['severity'];
  /** Expected text after applying the first finding's fix; `null` when there must be no fix. */
  fixed?: string | RegExp | null;
}

interface MissCase {
  name: string;
  rule: string;
  text: string;
  settings?: RuleSettings;
}

const TRUSTED: RuleSettings = { trustedRegistries: ['ghcr.io/myorg', 'docker.io/library'] };

const fires: FireCase[] = [
  // docker-socket-mount
  {
    name: 'docker.sock bind',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - /var/run/docker.sock:/var/run/docker.sock'),
    message: /\/var\/run\/docker\.sock gives service 'web' full control/,
    fixed: /^(?![\s\S]*docker\.sock)/,
  },
  {
    name: 'docker.sock :ro',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - ./data:/data\n  - /var/run/docker.sock:/var/run/docker.sock:ro'),
    message: /read-only.*does not limit the API/,
    fixed: web('image: a:1\nvolumes:\n  - ./data:/data'),
  },
  {
    name: 'rootless podman socket',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - /run/user/1000/podman/podman.sock:/var/run/docker.sock'),
  },
  {
    name: 'docker desktop socket under ~',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - ~/.docker/run/docker.sock:/var/run/docker.sock'),
  },
  { name: '/var/run/ directory', rule: 'docker-socket-mount', text: web('image: a:1\nvolumes:\n  - /var/run/:/host-run') },
  {
    name: 'long syntax',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - type: bind\n    source: /var/run/docker.sock\n    target: /var/run/docker.sock'),
  },
  {
    name: 'socket from a default',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - ${SOCK:-/var/run/docker.sock}:/var/run/docker.sock'),
  },
  // sensitive-host-mount
  {
    name: 'host root writable',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - /:/host'),
    severity: 'error',
    message: /host's \/ writable/,
    fixed: /- "?\/:\/host:ro"?\n/,
  },
  {
    name: '/etc with :z',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - /etc:/etc:z'),
    fixed: /- "?\/etc:\/etc:ro,z"?\n/,
  },
  {
    name: '/etc with :rw',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - "/etc:/host-etc:rw"'),
    fixed: web('image: a:1\nvolumes:\n  - "/etc:/host-etc:ro"'),
  },
  {
    name: '~/.ssh',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - ~/.ssh:/root/.ssh'),
    fixed: /- "?~\/\.ssh:\/root\/\.ssh:ro"?\n/,
  },
  { name: '/var is a parent of /var/lib/docker', rule: 'sensitive-host-mount', text: web('image: a:1\nvolumes:\n  - /var:/host-var') },
  {
    name: 'read-only /proc is a warning',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - /proc:/host/proc:ro'),
    severity: 'warning',
    message: /read-only/,
    fixed: null,
  },
  {
    name: 'long syntax read_only: false',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - type: bind\n    source: /etc\n    target: /etc\n    read_only: false'),
    fixed: web('image: a:1\nvolumes:\n  - type: bind\n    source: /etc\n    target: /etc\n    read_only: true'),
  },
  {
    name: 'a source variable that holds a colon gets no fix',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - "${ETC_MOUNT:-/etc:/host-etc}"'),
    fixed: null,
  },
  {
    name: 'a variable source that is a path keeps its variable',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - "${ROOT:-/}:/host"'),
    fixed: web('image: a:1\nvolumes:\n  - "${ROOT:-/}:/host:ro"'),
  },
  {
    name: 'long syntax without read_only',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - type: bind\n    source: /sys\n    target: /sys'),
    fixed: /read_only: true/,
  },
  // port-all-interfaces
  {
    name: 'host:container',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "8080:80"'),
    message: /'web' publishes 8080:80 on all host interfaces/,
    fixed: web('image: a:1\nports:\n  - "127.0.0.1:8080:80"'),
  },
  {
    name: 'bare container port string',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "3000"'),
    message: /random host port/,
    fixed: web('image: a:1\nports:\n  - "127.0.0.1::3000"'),
  },
  {
    name: 'bare container port number',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - 9100'),
    fixed: /- "?127\.0\.0\.1::9100"?\n/,
  },
  { name: '0.0.0.0', rule: 'port-all-interfaces', text: web('image: a:1\nports:\n  - 0.0.0.0:80:80'), fixed: /- "?127\.0\.0\.1:80:80"?\n/ },
  {
    name: '[::]',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "[::]:80:80"'),
    fixed: web('image: a:1\nports:\n  - "127.0.0.1:80:80"'),
  },
  {
    name: 'range',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "8000-8010:8000-8010"'),
    fixed: web('image: a:1\nports:\n  - "127.0.0.1:8000-8010:8000-8010"'),
  },
  {
    name: 'variable host port survives the fix',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "${PORT:-8080}:80"'),
    fixed: web('image: a:1\nports:\n  - "127.0.0.1:${PORT:-8080}:80"'),
  },
  {
    name: 'long syntax',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - target: 80\n    published: 8080'),
    fixed: /host_ip: "?127\.0\.0\.1"?/,
  },
  {
    name: 'an address that is one empty variable gets its default set, not text glued to it',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "${HTTPS_BIND:-}:${HTTPS_PORT:-443}:443"'),
    message: /publishes :443:443/,
    fixed: web('image: a:1\nports:\n  - "${HTTPS_BIND:-127.0.0.1}:${HTTPS_PORT:-443}:443"'),
  },
  {
    name: 'an address variable defaulting to 0.0.0.0 (plain scalar: quoted when it gains the braces)',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - ${BIND-0.0.0.0}:80:80'),
    fixed: web('image: a:1\nports:\n  - "${BIND:-127.0.0.1}:80:80"'),
  },
  {
    name: 'long syntax host_ip from a variable: its default',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - target: 80\n    published: 8080\n    host_ip: ${BIND:-0.0.0.0}'),
    fixed: web('image: a:1\nports:\n  - target: 80\n    published: 8080\n    host_ip: "${BIND:-127.0.0.1}"'),
  },
  {
    name: 'a variable that holds a colon gets no fix',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "${MAPPING:-8080:80}"'),
    fixed: null,
  },
  {
    name: 'an address built from a variable and text gets no fix',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - "${PREFIX:-}0.0.0.0:80:80"'),
    fixed: null,
  },
  // docker-daemon-port
  {
    name: '2375',
    rule: 'docker-daemon-port',
    text: web('image: a:1\nports:\n  - "2375:2375"'),
    message: /2375, the Docker Engine API port/,
  },
  { name: '2376 on localhost', rule: 'docker-daemon-port', text: web('image: a:1\nports:\n  - "127.0.0.1:2376:2376"') },
  { name: 'inside a range', rule: 'docker-daemon-port', text: web('image: a:1\nports:\n  - "2370-2380:2370-2380"') },
  // namespaces
  {
    name: 'network_mode host',
    rule: 'host-network',
    text: web('image: a:1\nnetwork_mode: host'),
    message: /'web' uses network_mode: host/,
  },
  { name: 'pid host', rule: 'host-pid', text: web('image: a:1\npid: host') },
  { name: 'ipc host', rule: 'host-ipc', text: web('image: a:1\nipc: host') },
  { name: 'uts host', rule: 'host-uts', text: web('image: a:1\nuts: host') },
  {
    name: 'userns host',
    rule: 'host-userns',
    text: web('image: a:1\nuserns_mode: host\nread_only: true'),
    fixed: web('image: a:1\nread_only: true'),
  },
  // root-user
  { name: 'user root', rule: 'root-user', text: web('image: a:1\nuser: root'), message: /'web' runs as root \(user: root\)/, fixed: null },
  { name: 'user "0:0"', rule: 'root-user', text: web('image: a:1\nuser: "0:0"') },
  { name: 'user 0', rule: 'root-user', text: web('image: a:1\nuser: 0') },
  { name: 'user root:root', rule: 'root-user', text: web('image: a:1\nuser: root:root') },
  // privileged
  {
    name: 'privileged',
    rule: 'privileged',
    text: web('image: a:1\nprivileged: true\nread_only: true'),
    fixed: web('image: a:1\nread_only: true'),
  },
  // capabilities
  { name: 'dangerous caps', rule: 'cap-add-dangerous', text: web('image: a:1\ncap_add: [SYS_ADMIN, CAP_NET_ADMIN, CHOWN]'), count: 2 },
  { name: 'all, lower case', rule: 'cap-add-dangerous', text: web('image: a:1\ncap_add:\n  - all'), message: /every capability/ },
  { name: 'no cap_drop', rule: 'cap-drop-missing', text: web('image: a:1'), fixed: /cap_drop: \[ALL\]/ },
  { name: 'cap_drop without ALL', rule: 'cap-drop-missing', text: web('image: a:1\ncap_drop: [NET_RAW]'), fixed: null },
  {
    name: 'no security_opt',
    rule: 'no-new-privileges-missing',
    text: web('image: a:1'),
    fixed: /security_opt: \["no-new-privileges:true"\]/,
  },
  {
    name: 'no-new-privileges:false',
    rule: 'no-new-privileges-missing',
    text: web('image: a:1\nsecurity_opt:\n  - no-new-privileges:false'),
    fixed: null,
  },
  {
    name: 'seccomp unconfined',
    rule: 'seccomp-disabled',
    text: web('image: a:1\nsecurity_opt:\n  - no-new-privileges:true\n  - seccomp:unconfined'),
    fixed: web('image: a:1\nsecurity_opt:\n  - no-new-privileges:true'),
  },
  { name: 'seccomp=unconfined', rule: 'seccomp-disabled', text: web('image: a:1\nsecurity_opt: ["seccomp=unconfined"]') },
  { name: 'apparmor unconfined', rule: 'apparmor-disabled', text: web('image: a:1\nsecurity_opt:\n  - apparmor:unconfined') },
  { name: 'label disable', rule: 'selinux-disabled', text: web('image: a:1\nsecurity_opt:\n  - label=disable') },
  // read-only rootfs
  { name: 'no read_only', rule: 'read-only-rootfs-missing', text: web('image: a:1'), fixed: /read_only: true/ },
  {
    name: 'read_only from a variable is not overwritten',
    rule: 'read-only-rootfs-missing',
    text: web('image: a:1\nread_only: ${RO:-false}'),
    fixed: null,
  },
  {
    name: 'read_only false',
    rule: 'read-only-rootfs-missing',
    text: web('image: a:1\nread_only: false'),
    fixed: web('image: a:1\nread_only: true'),
  },
  // devices, propagation
  { name: 'device', rule: 'host-devices', text: web('image: a:1\ndevices:\n  - /dev/ttyUSB0:/dev/ttyUSB0'), message: /\/dev\/ttyUSB0/ },
  {
    name: 'long rshared',
    rule: 'mount-propagation-shared',
    text: web('image: a:1\nvolumes:\n  - type: bind\n    source: /mnt\n    target: /mnt\n    bind:\n      propagation: rshared'),
  },
  { name: 'short :shared', rule: 'mount-propagation-shared', text: web('image: a:1\nvolumes:\n  - /mnt/data:/data:shared') },
  // limits
  { name: 'no pids limit', rule: 'pids-limit-missing', text: web('image: a:1'), fixed: /pids_limit: 200/ },
  {
    name: 'pids_limit -1',
    rule: 'pids-limit-missing',
    text: web('image: a:1\npids_limit: -1'),
    message: /-1, which means unlimited/,
    fixed: web('image: a:1\npids_limit: 200'),
  },
  { name: 'pids_limit 0', rule: 'pids-limit-missing', text: web('image: a:1\npids_limit: 0'), fixed: web('image: a:1\npids_limit: 200') },
  {
    name: 'deploy pids -1 only',
    rule: 'pids-limit-missing',
    text: web('image: a:1\ndeploy:\n  resources:\n    limits:\n      pids: -1'),
    fixed: web('image: a:1\ndeploy:\n  resources:\n    limits:\n      pids: 200'),
  },
  { name: 'no memory limit', rule: 'memory-limit-missing', text: web('image: a:1'), fixed: /mem_limit: 512m/ },
  { name: 'no cpu limit', rule: 'cpu-limit-missing', text: web('image: a:1'), fixed: /cpus: 1\.0/ },
  // images
  { name: 'no tag', rule: 'image-unpinned', text: web('image: nginx'), message: /image nginx without a tag/ },
  { name: 'latest', rule: 'image-unpinned', text: web('image: nginx:latest'), message: /tag latest/ },
  {
    name: 'build with pull_policy: always pulls image: from the registry',
    rule: 'image-unpinned',
    text: web('build: .\nimage: ghcr.io/acme/app\npull_policy: always'),
  },
  {
    name: 'a service whose image only shares the name of a built one with another tag',
    rule: 'image-unpinned',
    text: 'services:\n  web:\n    build: .\n    image: app-web:1.0\n  worker:\n    image: app-web\n',
  },
  { name: 'registry port is not a tag', rule: 'image-unpinned', text: web('image: localhost:5000/app') },
  { name: 'latest from a default', rule: 'image-unpinned', text: web('image: nginx:${TAG:-latest}') },
  { name: 'tag without digest', rule: 'image-no-digest', text: web('image: nginx:1.27') },
  {
    name: 'look-alike namespace',
    rule: 'untrusted-registry',
    text: web('image: ghcr.io/myorgevil/x:1'),
    settings: TRUSTED,
    message: /outside the trusted registries/,
  },
  {
    name: 'Docker Hub user image',
    rule: 'untrusted-registry',
    text: web('image: user/app:1'),
    settings: TRUSTED,
    message: /docker\.io\/user\/app/,
  },
  // secrets, logging
  {
    name: 'password in a map',
    rule: 'plaintext-secret',
    text: web('image: a:1\nenvironment:\n  DB_PASSWORD: hunter2'),
    message: /'web' sets DB_PASSWORD in plain text/,
  },
  {
    name: 'api key in a list',
    rule: 'plaintext-secret',
    text: web('image: a:1\nenvironment:\n  - OPENAI_API_KEY=sk-abc\n  - githubToken=ghp_x'),
    count: 2,
  },
  {
    name: 'values that only look like paths are still secrets (base64, one segment, a URL with a password)',
    rule: 'plaintext-secret',
    text: web(
      'image: a:1\nenvironment:\n  - APP_SECRET=/9j/4AAQSkZJRgABAQ+x=\n  - ADMIN_PASSWORD=/hunter2\n  - REPO_TOKEN=https://u:p@host/a.json',
    ),
    count: 3,
  },
  { name: 'logging none', rule: 'logging-disabled', text: web('image: a:1\nlogging:\n  driver: none') },
  // tls-verification-disabled: the same variable table as Dockerfile ENV, for the running container
  {
    name: 'NODE_TLS_REJECT_UNAUTHORIZED "0" in a map',
    rule: 'tls-verification-disabled',
    text: web('image: a:1\nenvironment:\n  NODE_TLS_REJECT_UNAUTHORIZED: "0"\n  LOG_LEVEL: info'),
    message: /'web' sets NODE_TLS_REJECT_UNAUTHORIZED=0, which turns off TLS certificate verification in Node\.js/,
    fixed: web('image: a:1\nenvironment:\n  LOG_LEVEL: info'),
  },
  {
    name: 'GIT_SSL_NO_VERIFY in a list, any value',
    rule: 'tls-verification-disabled',
    text: web('image: a:1\nenvironment:\n  - GIT_SSL_NO_VERIFY=0\n  - PIP_TRUSTED_HOST=pypi.internal'),
    count: 2,
  },
  {
    name: 'a known value from .env-style default',
    rule: 'tls-verification-disabled',
    text: web('image: a:1\nenvironment:\n  PYTHONHTTPSVERIFY: ${VERIFY:-0}'),
  },
  // network-none-suggested
  {
    name: 'untrusted, no ports, nobody depends on it',
    rule: 'network-none-suggested',
    text: web('image: evil/miner:1'),
    settings: TRUSTED,
    fixed: /network_mode: none/,
  },
];

const misses: MissCase[] = [
  {
    name: 'verification on, unknown value, no value, look-alike name',
    rule: 'tls-verification-disabled',
    text: web(
      'image: a:1\nenvironment:\n  NODE_TLS_REJECT_UNAUTHORIZED: "1"\n  GIT_SSL_NO_VERIFY: ${NO_VERIFY}\n  PYTHONHTTPSVERIFY:\n  MY_NODE_TLS_REJECT_UNAUTHORIZED: "0"\n  REQUESTS_CA_BUNDLE: /etc/ssl/certs/ca-certificates.crt',
    ),
  },
  {
    name: 'docker.sock.md is a file',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - ./docker.sock.md:/docs/docker.sock.md'),
  },
  {
    name: 'named volume docker_sock',
    rule: 'docker-socket-mount',
    text: web('image: a:1\nvolumes:\n  - docker_sock:/var/run', 'volumes:\n  docker_sock: {}\n'),
  },
  { name: 'container side only', rule: 'docker-socket-mount', text: web('image: a:1\nvolumes:\n  - /var/run/docker.sock') },
  { name: 'unknown socket variable', rule: 'docker-socket-mount', text: web('image: a:1\nvolumes:\n  - ${SOCK}:/var/run/docker.sock') },
  { name: '/etc/localtime', rule: 'sensitive-host-mount', text: web('image: a:1\nvolumes:\n  - /etc/localtime:/etc/localtime:ro') },
  { name: 'project below /home', rule: 'sensitive-host-mount', text: web('image: a:1\nvolumes:\n  - /home/user/project:/app') },
  {
    name: 'socket is not also sensitive',
    rule: 'sensitive-host-mount',
    text: web('image: a:1\nvolumes:\n  - /var/run/docker.sock:/var/run/docker.sock\n  - /var/run:/host-run'),
  },
  { name: 'relative ./etc', rule: 'sensitive-host-mount', text: web('image: a:1\nvolumes:\n  - ./etc:/etc') },
  { name: 'localhost', rule: 'port-all-interfaces', text: web('image: a:1\nports:\n  - "127.0.0.1:8080:80"\n  - "[::1]:81:81"') },
  { name: 'localhost from a default', rule: 'port-all-interfaces', text: web('image: a:1\nports:\n  - "${BIND:-127.0.0.1}:80:80"') },
  { name: 'unknown address', rule: 'port-all-interfaces', text: web('image: a:1\nports:\n  - "${BIND}:80:80"') },
  {
    name: 'long syntax on localhost',
    rule: 'port-all-interfaces',
    text: web('image: a:1\nports:\n  - target: 80\n    published: 8080\n    host_ip: 127.0.0.1'),
  },
  { name: 'container port 2375 only', rule: 'docker-daemon-port', text: web('image: a:1\nports:\n  - "8080:2375"') },
  { name: 'bridge', rule: 'host-network', text: web('image: a:1\nnetwork_mode: bridge') },
  { name: 'pid of a service', rule: 'host-pid', text: web('image: a:1\npid: "service:db"') },
  { name: 'ipc shareable', rule: 'host-ipc', text: web('image: a:1\nipc: shareable') },
  { name: 'no uts', rule: 'host-uts', text: web('image: a:1') },
  { name: 'no userns_mode', rule: 'host-userns', text: web('image: a:1') },
  { name: 'group 0 only', rule: 'root-user', text: web('image: a:1\nuser: "1000:0"') },
  { name: 'unknown user', rule: 'root-user', text: web('image: a:1\nuser: "${UID}:${GID}"') },
  { name: 'privileged false', rule: 'privileged', text: web('image: a:1\nprivileged: false') },
  { name: 'harmless cap', rule: 'cap-add-dangerous', text: web('image: a:1\ncap_add: [NET_BIND_SERVICE]') },
  { name: 'cap_drop ALL', rule: 'cap-drop-missing', text: web('image: a:1\ncap_drop: ["all"]') },
  {
    name: 'no-new-privileges forms',
    rule: 'no-new-privileges-missing',
    text: web('image: a:1\nsecurity_opt:\n  - "no-new-privileges=true"'),
  },
  { name: 'seccomp profile', rule: 'seccomp-disabled', text: web('image: a:1\nsecurity_opt:\n  - seccomp:./profile.json') },
  { name: 'apparmor profile', rule: 'apparmor-disabled', text: web('image: a:1\nsecurity_opt:\n  - apparmor:docker-default') },
  { name: 'selinux type', rule: 'selinux-disabled', text: web('image: a:1\nsecurity_opt:\n  - label:type:svirt_apache_t') },
  { name: 'read_only true', rule: 'read-only-rootfs-missing', text: web('image: a:1\nread_only: true') },
  { name: 'read_only unknown', rule: 'read-only-rootfs-missing', text: web('image: a:1\nread_only: ${RO}') },
  { name: 'no devices', rule: 'host-devices', text: web('image: a:1\nvolumes:\n  - /dev/log:/dev/log') },
  {
    name: 'rslave',
    rule: 'mount-propagation-shared',
    text: web('image: a:1\nvolumes:\n  - type: bind\n    source: /mnt\n    target: /mnt\n    bind:\n      propagation: rslave'),
  },
  { name: 'pids_limit 100', rule: 'pids-limit-missing', text: web('image: a:1\npids_limit: 100') },
  { name: 'deploy pids 100', rule: 'pids-limit-missing', text: web('image: a:1\ndeploy:\n  resources:\n    limits:\n      pids: 100') },
  { name: 'pids unknown', rule: 'pids-limit-missing', text: web('image: a:1\npids_limit: ${PIDS}') },
  { name: 'mem_limit', rule: 'memory-limit-missing', text: web('image: a:1\nmem_limit: 1g') },
  { name: 'deploy memory', rule: 'memory-limit-missing', text: web('image: a:1\ndeploy:\n  resources:\n    limits:\n      memory: 1g') },
  { name: 'cpus', rule: 'cpu-limit-missing', text: web('image: a:1\ncpus: "0.5"') },
  { name: 'cpu_quota', rule: 'cpu-limit-missing', text: web('image: a:1\ncpu_quota: 50000') },
  { name: 'pinned', rule: 'image-unpinned', text: web('image: nginx:1.27') },
  { name: 'digest without tag', rule: 'image-unpinned', text: web(`image: nginx@sha256:${'a'.repeat(64)}`) },
  { name: 'unknown tag', rule: 'image-unpinned', text: web('image: nginx:${TAG}') },
  { name: 'registry port and tag', rule: 'image-unpinned', text: web('image: registry:5000/app:1.0') },
  { name: 'digest', rule: 'image-no-digest', text: web(`image: nginx:1.27@sha256:${'b'.repeat(64)}`) },
  { name: 'untagged is image-unpinned only', rule: 'image-no-digest', text: web('image: nginx') },
  { name: 'built image', rule: 'image-unpinned', text: web('build: .\nimage: myapp') },
  {
    name: 'a service that runs the image another service builds',
    rule: 'image-unpinned',
    text: 'services:\n  web:\n    build: .\n    image: app-web\n  worker:\n    image: app-web:latest\n    command: celery\n',
  },
  {
    name: 'built image, pull_policy build',
    rule: 'image-no-digest',
    text: web('build: .\nimage: ghcr.io/acme/app:1.2\npull_policy: build'),
  },
  { name: 'built image, pull_policy unknown', rule: 'image-unpinned', text: web('build: .\nimage: app\npull_policy: ${POLICY}') },
  { name: 'official image trusted', rule: 'untrusted-registry', text: web('image: nginx:1'), settings: TRUSTED },
  { name: 'org image trusted', rule: 'untrusted-registry', text: web('image: ghcr.io/myorg/x:1'), settings: TRUSTED },
  { name: 'not configured', rule: 'untrusted-registry', text: web('image: evil/x:1') },
  {
    name: 'secret from a file or variable',
    rule: 'plaintext-secret',
    text: web(
      'image: a:1\nenvironment:\n  DB_PASSWORD_FILE: /run/secrets/db\n  API_TOKEN: ${API_TOKEN}\n  SMTP_PASSWORD: ""\n  POSTGRES_HOST_AUTH_METHOD: trust\n  ALLOW_EMPTY_PASSWORD: "yes"\n  AWS_ACCESS_KEY_ID_FILE: /run/secrets/aws',
    ),
  },
  { name: 'name only', rule: 'plaintext-secret', text: web('image: a:1\nenvironment:\n  - DB_PASSWORD') },
  {
    name: 'credential names whose value is a path or a key file',
    rule: 'plaintext-secret',
    text: web(
      'image: a:1\nenvironment:\n  GOOGLE_APPLICATION_CREDENTIALS: /run/config/key.json\n' +
        '  SSL_PRIVATE_KEY: certs/server.key\n  APP_SECRETS: ./secrets/app.yaml\n  KUBE_TOKEN: /var/run/secrets/kubernetes.io/serviceaccount/token\n  AWS_CREDENTIALS: ~/.aws/credentials',
    ),
  },
  { name: 'json-file', rule: 'logging-disabled', text: web('image: a:1\nlogging:\n  driver: json-file') },
  {
    name: 'publishes a port',
    rule: 'network-none-suggested',
    text: web('image: evil/miner:1\nports:\n  - "127.0.0.1:80:80"'),
    settings: TRUSTED,
  },
  {
    name: 'another service depends on it',
    rule: 'network-none-suggested',
    text: `services:\n  api:\n    image: evil/api:1\n  app:\n    image: nginx:1\n    depends_on: [api]\n    network_mode: none\n`,
    settings: TRUSTED,
  },
  { name: 'already none', rule: 'network-none-suggested', text: web('image: evil/miner:1\nnetwork_mode: none'), settings: TRUSTED },
  { name: 'trusted registries not configured', rule: 'network-none-suggested', text: web('image: evil/miner:1') },
];

describe('compose rules on YAML text', () => {
  for (const c of fires) {
    test(`${c.rule} fires: ${c.name}`, () => {
      const all = lint(c.text, c.settings);
      assert.ok(!all.some((f) => f.rule === 'parse-error' || f.rule === 'internal-error'), JSON.stringify(all));
      const found = all.filter((f) => f.rule === c.rule);
      assert.equal(found.length, c.count ?? 1, `${c.rule}: ${JSON.stringify(found.map((f) => f.message))}`);
      const f = found[0];
      if (c.message) assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
      if (c.fixed === undefined) return;
      if (c.fixed === null) {
        assert.equal(f.fix, undefined, 'expected no fix');
        return;
      }
      assert.ok(f.fix, 'expected a fix');
      const after = applyEdits(c.text, f.fix.edits, FILE);
      if (typeof c.fixed === 'string') assert.equal(after, c.fixed);
      else assert.match(after, c.fixed);
      // The fixed text parses and no longer has this finding (a writable mount made read-only may
      // remain at a lower severity).
      const again = lint(after, c.settings);
      assert.ok(!again.some((g) => g.rule === 'parse-error'), after);
      assert.equal(again.filter((g) => g.rule === c.rule && g.severity === f.severity).length, (c.count ?? 1) - 1, after);
    });
  }
  for (const c of misses) {
    test(`${c.rule} does not fire: ${c.name}`, () => {
      const all = lint(c.text, c.settings);
      assert.ok(!all.some((f) => f.rule === 'parse-error' || f.rule === 'internal-error'), JSON.stringify(all));
      assert.deepEqual(
        all.filter((f) => f.rule === c.rule).map((f) => f.message),
        [],
      );
    });
  }
});

test('every compose rule implemented here has a firing case and a near miss', () => {
  const ids = [
    'docker-socket-mount',
    'sensitive-host-mount',
    'port-all-interfaces',
    'docker-daemon-port',
    'host-network',
    'network-none-suggested',
    'host-pid',
    'host-ipc',
    'host-uts',
    'host-userns',
    'root-user',
    'privileged',
    'cap-add-dangerous',
    'cap-drop-missing',
    'no-new-privileges-missing',
    'seccomp-disabled',
    'apparmor-disabled',
    'selinux-disabled',
    'read-only-rootfs-missing',
    'host-devices',
    'mount-propagation-shared',
    'pids-limit-missing',
    'memory-limit-missing',
    'cpu-limit-missing',
    'image-unpinned',
    'image-no-digest',
    'untrusted-registry',
    'plaintext-secret',
    'logging-disabled',
    'tls-verification-disabled',
  ];
  for (const id of ids) {
    assert.ok(
      fires.some((c) => c.rule === id),
      `no firing case for ${id}`,
    );
    assert.ok(
      misses.some((c) => c.rule === id),
      `no near miss for ${id}`,
    );
  }
});
