/**
 * The flags of `docker run` / `docker create` (the same flag set; `create` ignores the run-only ones), as the
 * Docker CLI defines them with pflag: each long name, its one-letter shorthand, and whether it takes a value.
 *
 * Source: the generated options table of docker/cli `docs/reference/commandline/container_run.md` (Docker 28,
 * with `--use-api-socket`), read on 2026-12-01 (docs.docker.com/reference/cli/docker/container/run/ shows the
 * same table). Added by hand:
 * - hidden or deprecated Docker flags that still parse: `--net`, `--net-alias` (aliases of `--network`,
 *   `--network-alias`), `--kernel-memory`, `--disable-content-trust` (boolean);
 * - Podman-only flags (podman-run(1), Podman 5) and nerdctl-only flags (nerdctl `run --help`, 2.x), marked in the
 *   table, so that their values are not mistaken for the image.
 *
 * pflag rules that matter here: a boolean flag takes no value word but accepts `--flag=false` (and `-d=false`);
 * a valued flag takes `--flag=value`, `--flag value`, `-xvalue` or `-x value`; short letters cluster (`-itd`),
 * and a valued letter ends its cluster, taking the rest of the word (`-p80:80`, `-itp80:80`).
 */

export interface FlagSpec {
  /** The long name without dashes (`publish`). */
  long: string;
  /** The one-letter shorthand (`p`), if any. */
  short?: string;
  /** True when the flag takes a value; false for booleans (which accept `=true` / `=false`). */
  value: boolean;
  /** Flags that only Podman or nerdctl know. */
  only?: 'podman' | 'nerdctl';
}

/** Docker's own flags: [long, short, takes a value]. */
const DOCKER: [string, string | undefined, boolean][] = [
  ['add-host', undefined, true],
  ['annotation', undefined, true],
  ['attach', 'a', true],
  ['blkio-weight', undefined, true],
  ['blkio-weight-device', undefined, true],
  ['cap-add', undefined, true],
  ['cap-drop', undefined, true],
  ['cgroup-parent', undefined, true],
  ['cgroupns', undefined, true],
  ['cidfile', undefined, true],
  ['cpu-count', undefined, true],
  ['cpu-percent', undefined, true],
  ['cpu-period', undefined, true],
  ['cpu-quota', undefined, true],
  ['cpu-rt-period', undefined, true],
  ['cpu-rt-runtime', undefined, true],
  ['cpu-shares', 'c', true],
  ['cpus', undefined, true],
  ['cpuset-cpus', undefined, true],
  ['cpuset-mems', undefined, true],
  ['detach', 'd', false],
  ['detach-keys', undefined, true],
  ['device', undefined, true],
  ['device-cgroup-rule', undefined, true],
  ['device-read-bps', undefined, true],
  ['device-read-iops', undefined, true],
  ['device-write-bps', undefined, true],
  ['device-write-iops', undefined, true],
  ['disable-content-trust', undefined, false],
  ['dns', undefined, true],
  ['dns-option', undefined, true],
  ['dns-opt', undefined, true],
  ['dns-search', undefined, true],
  ['domainname', undefined, true],
  ['entrypoint', undefined, true],
  ['env', 'e', true],
  ['env-file', undefined, true],
  ['expose', undefined, true],
  ['gpus', undefined, true],
  ['group-add', undefined, true],
  ['health-cmd', undefined, true],
  ['health-interval', undefined, true],
  ['health-retries', undefined, true],
  ['health-start-interval', undefined, true],
  ['health-start-period', undefined, true],
  ['health-timeout', undefined, true],
  ['help', undefined, false],
  ['hostname', 'h', true],
  ['init', undefined, false],
  ['interactive', 'i', false],
  ['io-maxbandwidth', undefined, true],
  ['io-maxiops', undefined, true],
  ['ip', undefined, true],
  ['ip6', undefined, true],
  ['ipc', undefined, true],
  ['isolation', undefined, true],
  ['kernel-memory', undefined, true],
  ['label', 'l', true],
  ['label-file', undefined, true],
  ['link', undefined, true],
  ['link-local-ip', undefined, true],
  ['log-driver', undefined, true],
  ['log-opt', undefined, true],
  ['mac-address', undefined, true],
  ['memory', 'm', true],
  ['memory-reservation', undefined, true],
  ['memory-swap', undefined, true],
  ['memory-swappiness', undefined, true],
  ['mount', undefined, true],
  ['name', undefined, true],
  ['net', undefined, true],
  ['net-alias', undefined, true],
  ['network', undefined, true],
  ['network-alias', undefined, true],
  ['no-healthcheck', undefined, false],
  ['oom-kill-disable', undefined, false],
  ['oom-score-adj', undefined, true],
  ['pid', undefined, true],
  ['pids-limit', undefined, true],
  ['platform', undefined, true],
  ['privileged', undefined, false],
  ['publish', 'p', true],
  ['publish-all', 'P', false],
  ['pull', undefined, true],
  ['quiet', 'q', false],
  ['read-only', undefined, false],
  ['restart', undefined, true],
  ['rm', undefined, false],
  ['runtime', undefined, true],
  ['security-opt', undefined, true],
  ['shm-size', undefined, true],
  ['sig-proxy', undefined, false],
  ['stop-signal', undefined, true],
  ['stop-timeout', undefined, true],
  ['storage-opt', undefined, true],
  ['sysctl', undefined, true],
  ['tmpfs', undefined, true],
  ['tty', 't', false],
  ['ulimit', undefined, true],
  ['use-api-socket', undefined, false],
  ['user', 'u', true],
  ['userns', undefined, true],
  ['uts', undefined, true],
  ['volume', 'v', true],
  ['volume-driver', undefined, true],
  ['volumes-from', undefined, true],
  ['workdir', 'w', true],
];

/** Podman's flags that Docker does not have (podman-run(1)). */
const PODMAN: [string, string | undefined, boolean][] = [
  ['arch', undefined, true],
  ['authfile', undefined, true],
  ['cgroup-conf', undefined, true],
  ['cgroups', undefined, true],
  ['chrootdirs', undefined, true],
  ['conmon-pidfile', undefined, true],
  ['creds', undefined, true],
  ['decryption-key', undefined, true],
  ['env-host', undefined, false],
  ['env-merge', undefined, true],
  ['gidmap', undefined, true],
  ['group-entry', undefined, true],
  ['health-log-destination', undefined, true],
  ['health-max-log-count', undefined, true],
  ['health-max-log-size', undefined, true],
  ['health-on-failure', undefined, true],
  ['health-startup-cmd', undefined, true],
  ['health-startup-interval', undefined, true],
  ['health-startup-retries', undefined, true],
  ['health-startup-success', undefined, true],
  ['health-startup-timeout', undefined, true],
  ['hostuser', undefined, true],
  ['http-proxy', undefined, false],
  ['image-volume', undefined, true],
  ['init-path', undefined, true],
  ['no-hosts', undefined, false],
  ['os', undefined, true],
  ['passwd', undefined, false],
  ['passwd-entry', undefined, true],
  ['personality', undefined, true],
  ['pidfile', undefined, true],
  ['pod', undefined, true],
  ['pod-id-file', undefined, true],
  ['preserve-fd', undefined, true],
  ['preserve-fds', undefined, true],
  ['rdt-class', undefined, true],
  ['read-only-tmpfs', undefined, false],
  ['replace', undefined, false],
  ['requires', undefined, true],
  ['retry', undefined, true],
  ['retry-delay', undefined, true],
  ['rmi', undefined, false],
  ['rootfs', undefined, false],
  ['sdnotify', undefined, true],
  ['seccomp-policy', undefined, true],
  ['secret', undefined, true],
  ['shm-size-systemd', undefined, true],
  ['subgidname', undefined, true],
  ['subuidname', undefined, true],
  ['systemd', undefined, true],
  ['timeout', undefined, true],
  ['tls-verify', undefined, false],
  ['tz', undefined, true],
  ['uidmap', undefined, true],
  ['ulimit', undefined, true],
  ['umask', undefined, true],
  ['unsetenv', undefined, true],
  ['unsetenv-all', undefined, false],
  ['variant', undefined, true],
];

/** nerdctl's flags that Docker does not have (`nerdctl run --help`). */
const NERDCTL: [string, string | undefined, boolean][] = [
  ['cosign-certificate-identity', undefined, true],
  ['cosign-certificate-identity-regexp', undefined, true],
  ['cosign-certificate-oidc-issuer', undefined, true],
  ['cosign-certificate-oidc-issuer-regexp', undefined, true],
  ['cosign-key', undefined, true],
  ['ipfs-address', undefined, true],
  ['pidfile', undefined, true],
  ['rdt-class', undefined, true],
  ['unpack', undefined, true],
  ['verify', undefined, true],
];

const byLong = new Map<string, FlagSpec>();
const byShort = new Map<string, FlagSpec>();

function add(rows: [string, string | undefined, boolean][], only?: 'podman' | 'nerdctl'): void {
  for (const [long, short, value] of rows) {
    if (byLong.has(long)) continue; // Docker's definition wins
    const spec: FlagSpec = { long, value, ...(short ? { short } : {}), ...(only ? { only } : {}) };
    byLong.set(long, spec);
    if (short && !byShort.has(short)) byShort.set(short, spec);
  }
}
add(DOCKER);
add(PODMAN, 'podman');
add(NERDCTL, 'nerdctl');

/** The flag with this long name (without dashes). */
export function longFlag(name: string): FlagSpec | undefined {
  return byLong.get(name);
}

/** The flag with this one-letter shorthand. */
export function shortFlag(letter: string): FlagSpec | undefined {
  return byShort.get(letter);
}

/** Every flag of the table (tests and docs). */
export function allFlags(): FlagSpec[] {
  return [...byLong.values()];
}

/**
 * Options of the `docker` / `podman` / `nerdctl` programs themselves, written before the subcommand
 * (`docker -H tcp://x --context c run`): those that take a value. Booleans (`-D`, `--debug`, `--tls`,
 * `--tlsverify`, `--remote`, ...) need no entry: any other option word is skipped alone.
 */
export const GLOBAL_WITH_VALUE = new Set([
  // docker
  '--config',
  '-c',
  '--context',
  '-H',
  '--host',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  // podman
  '--cgroup-manager',
  '--conmon',
  '--connection',
  '--events-backend',
  '--hooks-dir',
  '--identity',
  '--imagestore',
  '--module',
  '--network-cmd-path',
  '--network-config-dir',
  '--out',
  '--root',
  '--runroot',
  '--runtime',
  '--runtime-flag',
  '--ssh',
  '--storage-driver',
  '--storage-opt',
  '--tmpdir',
  '--url',
  '--volumepath',
  // nerdctl
  '--address',
  '-a',
  '--cgroup-manager',
  '--cni-netconfpath',
  '--cni-path',
  '--data-root',
  '--host-gateway-ip',
  '--hosts-dir',
  '--namespace',
  '-n',
  '--snapshotter',
  '--storage-driver',
]);
