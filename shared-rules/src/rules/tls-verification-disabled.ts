import type { ContainerSpec, EnvEntry, ShellCommand, ShellWord, TextEdit } from '../model';
import type { Rule, RuleReport } from '../rule';
import { buildCommandsOf, fixOf } from '../values';
import { tlsDisablingEnv } from '../tls-env';
import {
  CURL_LONG_WITH_ARG,
  CURL_SHORT_WITH_ARG,
  baseName,
  commandIndex,
  commandName,
  environmentOf,
  isPipCommand,
  scanOptions,
} from '../shell';
import { pushAll } from '../bounds';

/**
 * Turning off certificate checks lets anyone on the network path impersonate the server; turning off package
 * signature checks lets anyone who can alter a mirror (or the traffic to it) swap what the build installs.
 *
 * Fires, in any stage's RUN (and ONBUILD RUN), on:
 * - flags of download tools and package managers (curl -k, wget --no-check-certificate, pip/uv --trusted-host,
 *   npm --strict-ssl=false, git -c http.sslVerify=false, apk --allow-untrusted, apt-get --allow-unauthenticated
 *   and --force-yes, `-o Acquire::https::Verify-Peer=false`, yum/dnf --nogpgcheck and --setopt=sslverify=0,
 *   rpm --nosignature/--nodigest, zypper --no-gpg-checks, ...): reported at the flag, the fix removes it;
 * - commands that change a tool's configuration for every later command (npm/yarn/pnpm config set strict-ssl
 *   false, git config http.sslVerify false, yum-config-manager / dnf config-manager --setopt=sslverify=0, pip /
 *   conda / poetry / composer config): reported at the setting, no fix;
 * - configuration text a command writes (an apt source with [trusted=yes] that is not a local file: source,
 *   `Acquire::https::Verify-Peer "false";`, `sslverify=0` / `gpgcheck=0` lines, sed replacements that set them);
 * - an environment variable that tells a tool to skip verification (see tls-env.ts) set by ENV, by an ARG
 *   default, by a `NAME=value cmd` prefix, `export NAME=value` or `env NAME=value cmd`, and in Compose
 *   `environment:`: reported at `NAME=value`, the fix drops the entry.
 * Every fix is unsafe: a check is usually turned off because it failed (a proxy that re-signs TLS, a CA the
 * image lacks, an unsigned local package), and it fails again once turned back on.
 * Words inside quotes are data: `echo --nogpgcheck` never fires.
 */
export const tlsVerificationDisabled: Rule = {
  id: 'tls-verification-disabled',
  title: 'TLS certificate verification disabled',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile', 'compose', 'script', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The flag is usually there because a check once failed (an image without CA certificates, a self-signed or intercepting proxy, a local unsigned package); without it that download or install fails again.',
  },
  messages: {
    flag: '{flag} turns off certificate verification for {command}: anyone on the network path can impersonate the server and replace what the build downloads',
    signature:
      '{flag} turns off package signature checks for {command}: a package altered on the mirror or on the way is installed as if it were genuine',
    config:
      '{command} turns off TLS certificate verification for every later command: anyone on the network path can impersonate the server and replace what the build downloads',
    signatureConfig:
      '{command} turns off package signature checks for every later install: a package altered on the mirror or on the way is installed as if it were genuine',
    aptTrusted:
      'This apt source is marked [trusted=yes], so its packages are installed without checking any signature: whoever can serve or alter {url} decides what the build installs',
    env: 'ENV {name}={value} turns off TLS certificate verification in {tool} for every later command of the build and in the running container: anyone on the network path can impersonate the servers it talks to',
    arg: 'ARG {name}={value} turns off TLS certificate verification in {tool} for every later RUN that has this build argument: anyone on the network path can impersonate the servers the build talks to',
    prefix:
      '{name}={value} turns off TLS certificate verification in {tool} for {command}: anyone on the network path can impersonate the servers it talks to',
    export:
      'export {name}={value} turns off TLS certificate verification in {tool} for every later command of this script: anyone on the network path can impersonate the servers it talks to',
    compose:
      '{Container} sets {name}={value}, which turns off TLS certificate verification in {tool} inside the container: anyone on the network path can impersonate the servers it talks to',
    scriptFlag:
      '{flag} turns off certificate verification for {command}: anyone on the network path can impersonate the server and replace what this command downloads',
    scriptConfig:
      '{command} turns off TLS certificate verification for every later command: anyone on the network path can impersonate the servers they talk to',
    hostFlag:
      'initializeCommand runs on the host: {flag} turns off certificate verification for {command} on your own machine, so anyone on the network path can impersonate the server and replace what it downloads',
    hostConfig:
      'initializeCommand runs on the host: {command} turns off TLS certificate verification on your own machine for every later command, so anyone on the network path can impersonate the servers they talk to',
    fix: 'Remove {flag} (may fail the build where the server or package has no valid certificate or signature)',
    fixSignature: 'Remove {flag} (may break installing packages that are not signed)',
    fixEnv: 'Remove {name}={value} (may break connections where the certificate is not trusted)',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const e of c.environment) {
      const report = envReport(e, c);
      if (report) out.push(report);
    }
    for (const run of buildCommandsOf(c)) for (const cmd of run.commands) pushAll(out, tlsCommandReports(cmd));
    // A host script's own commands: the messages say what the command does, not "the build".
    if (c.origin === 'script') {
      const [flag, config] = c.runsIn === 'host' ? ['hostFlag', 'hostConfig'] : ['scriptFlag', 'scriptConfig'];
      for (const r of out) r.messageId = r.messageId === 'flag' ? flag : r.messageId === 'config' ? config : r.messageId;
    }
    return out;
  },
};

function envReport(e: EnvEntry, c: ContainerSpec): RuleReport | undefined {
  const v = e.value;
  if (!v || !v.known) return undefined;
  const tool = tlsDisablingEnv(e.name, v.value);
  if (!tool) return undefined;
  const args = { name: e.name, value: shown(v.value), tool, service: c.name };
  const messageId = e.kind === 'environment' ? 'compose' : e.kind;
  return { messageId, args, at: e.source, fix: fixOf('fixEnv', e.remove?.(), args, 'unsafe') };
}

/** A value as messages show it: long ones (MAVEN_OPTS) shortened. */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

type Kind = 'tls' | 'signature';

/** Flags (exact words) that turn a check off, by command. */
const FLAGS: Record<string, [string[], Kind]> = {
  curl: [['--insecure', '--proxy-insecure', '--doh-insecure'], 'tls'],
  wget: [['--no-check-certificate'], 'tls'],
  aria2c: [['--check-certificate=false'], 'tls'],
  http: [['--verify=no', '--verify=false'], 'tls'],
  https: [['--verify=no', '--verify=false'], 'tls'],
  npm: [['--strict-ssl=false', '--no-strict-ssl'], 'tls'],
  yarn: [['--strict-ssl=false', '--no-strict-ssl'], 'tls'],
  pnpm: [['--strict-ssl=false', '--no-strict-ssl'], 'tls'],
  conda: [['--insecure', '-k'], 'tls'],
  mamba: [['--insecure', '-k'], 'tls'],
  micromamba: [['--insecure'], 'tls'],
  aws: [['--no-verify-ssl'], 'tls'],
  helm: [['--insecure-skip-tls-verify', '--insecure-skip-tls-verify=true', '--kube-insecure-skip-tls-verify'], 'tls'],
  kubectl: [['--insecure-skip-tls-verify', '--insecure-skip-tls-verify=true'], 'tls'],
  oc: [['--insecure-skip-tls-verify', '--insecure-skip-tls-verify=true'], 'tls'],
  skopeo: [['--tls-verify=false', '--src-tls-verify=false', '--dest-tls-verify=false'], 'tls'],
  podman: [['--tls-verify=false'], 'tls'],
  buildah: [['--tls-verify=false'], 'tls'],
  svn: [['--trust-server-cert'], 'tls'],
  'ansible-galaxy': [['--ignore-certs'], 'tls'],
  deno: [['--unsafely-ignore-certificate-errors'], 'tls'],
  apk: [['--allow-untrusted'], 'signature'],
  'apt-get': [
    ['--allow-unauthenticated', '--allow-insecure-repositories', '--allow-downgrade-to-insecure-repositories', '--force-yes'],
    'signature',
  ],
  apt: [
    ['--allow-unauthenticated', '--allow-insecure-repositories', '--allow-downgrade-to-insecure-repositories', '--force-yes'],
    'signature',
  ],
  aptitude: [['--allow-untrusted'], 'signature'],
  yum: [['--nogpgcheck'], 'signature'],
  dnf: [['--nogpgcheck', '--no-gpgchecks'], 'signature'],
  dnf5: [['--nogpgcheck', '--no-gpgchecks'], 'signature'],
  microdnf: [['--nogpgcheck'], 'signature'],
  tdnf: [['--nogpgcheck'], 'signature'],
  zypper: [['--no-gpg-checks'], 'signature'],
  rpm: [['--nosignature', '--nodigest', '--noverify', '--nofiledigest'], 'signature'],
};
/** apk's own certificate switch (besides --allow-untrusted, which is about signatures). */
const APK_TLS = ['--no-check-certificate'];

/** apt `-o` settings that turn checks off. */
const APT_OPTION =
  /^(?:(?:Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|APT::Get::AllowUnauthenticated)=(?:true|1|yes)|Acquire::https?::(?:[^:=]+::)?Verify-(?:Peer|Host)=(?:false|0|no))$/i;
/** yum/dnf/tdnf `--setopt=[repo.]sslverify=0` (certificates) or `gpgcheck=0` (signatures). */
const SETOPT = /^(?:[^=]*\.)?(sslverify|gpgcheck|repo_gpgcheck|localpkg_gpgcheck)=(?:0|false|no|off)$/i;
const MAVEN_FLAG =
  /^-D(?:maven\.wagon\.http\.ssl\.(?:insecure|allowall|ignore\.validity\.dates)=true|(?:aether\.connector|maven\.resolver\.transport)\.https\.securityMode=insecure)$/i;
const SSL_VERIFY_OFF = /^(?:false|0|no|off)$/i;

type Report = (i: number, label: string, kind: Kind, edits: TextEdit[] | undefined) => void;

/** One command being checked: its words, where the program is, and how a finding is reported. */
interface Check {
  cmd: ShellCommand;
  words: string[];
  at: number;
  name: string;
  out: RuleReport[];
  report: Report;
  removeWords: (from: number, to: number) => TextEdit[] | undefined;
}

/** Reports for one shell command: flags, config commands, written config text and environment settings. */
export function tlsCommandReports(cmd: ShellCommand): RuleReport[] {
  const out: RuleReport[] = envReports(cmd);
  const words = cmd.words.map((w) => w.text);
  const at = commandIndex(words);
  if (at < 0) return out;
  const name = commandName(words);
  const report: Report = (i, label, kind, edits) =>
    out.push({
      messageId: kind === 'tls' ? 'flag' : 'signature',
      args: { flag: label, command: name },
      at: cmd.words[i].source,
      fix: fixOf(kind === 'tls' ? 'fix' : 'fixSignature', edits, { flag: label }, 'unsafe'),
    });
  const config = (i: number, command: string, kind: Kind) =>
    out.push({ messageId: kind === 'tls' ? 'config' : 'signatureConfig', args: { command }, at: cmd.words[i].source });
  const check: Check = { cmd, words, at, name, out, report, removeWords: (from, to) => cmd.removeWords?.(from, to) };
  singleFlags(check);
  if (name === 'curl') curlInsecure(cmd, at, report);
  if (name === 'wget') wgetExecute(check);
  if (isPipCommand(words)) pipTrustedHosts(check);
  if (name === 'npm' || name === 'yarn' || name === 'pnpm') npmStrictSsl(check);
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') aptOptions(check);
  if (YUM_LIKE.has(name)) yumSetopt(check, config);
  if (name === 'git') gitSslVerify(cmd, at, out, check.removeWords);
  configCommand(cmd, at, name, config);
  writtenConfig(cmd, at, name, out);
  return out;
}

/** `NODE_TLS_REJECT_UNAUTHORIZED=0 cmd`, `export GIT_SSL_NO_VERIFY=1`: written environment settings. */
function envReports(cmd: ShellCommand): RuleReport[] {
  const out: RuleReport[] = [];
  const words = cmd.words.map((w) => w.text);
  for (const env of environmentOf(cmd)) {
    if (!env.literal) continue;
    const tool = tlsDisablingEnv(env.name, env.value);
    if (!tool) continue;
    const args = { name: env.name, value: shown(env.value), tool, command: commandName(words) || env.name };
    out.push({
      messageId: env.via === 'export' ? 'export' : 'prefix',
      args,
      at: env.source,
      fix: fixOf('fixEnv', env.remove(), args, 'unsafe'),
    });
  }
  return out;
}

/** Switches that are one word: the tool's table, apk, svn, Maven properties, `go get -insecure`. */
function singleFlags({ cmd, words, at, name, report, removeWords }: Check): void {
  // rpm's switches matter when it installs (-i, -U, -F); `rpm -qa --nodigest` only reads the database.
  const flags = name === 'rpm' && !rpmInstalls(words, at) ? undefined : FLAGS[name];
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (cmd.words[i]?.literal !== true) continue;
    if (flags?.[0].includes(w)) report(i, w, flags[1], removeWords(i, i));
    else if (name === 'apk' && APK_TLS.includes(w)) report(i, w, 'tls', removeWords(i, i));
    else if (name === 'svn' && w.startsWith('--trust-server-cert-failures')) report(i, w, 'tls', removeWords(i, i));
    else if ((name === 'mvn' || name === 'mvnw') && MAVEN_FLAG.test(w)) report(i, w, 'tls', removeWords(i, i));
    else if (name === 'go' && w === '-insecure') report(i, w, 'tls', removeWords(i, i));
  }
}

/** `wget -e check_certificate=off`: a .wgetrc command given on the command line. */
function wgetExecute({ words, at, report, removeWords }: Check): void {
  for (let i = at + 1; i < words.length - 1; i++) {
    if ((words[i] === '-e' || words[i] === '--execute') && WGETRC.test(words[i + 1])) {
      report(i, `${words[i]} ${words[i + 1]}`, 'tls', removeWords(i, i + 1));
      i++;
    }
  }
}

function pipTrustedHosts({ words, at, report, removeWords }: Check): void {
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if ((w === '--trusted-host' || w === '--allow-insecure-host') && i + 1 < words.length) {
      report(i, `${w} ${words[i + 1]}`, 'tls', removeWords(i, i + 1));
      i++;
    } else if (/^--(?:trusted-host|allow-insecure-host)=/.test(w)) report(i, w, 'tls', removeWords(i, i));
  }
}

function npmStrictSsl({ words, at, report, removeWords }: Check): void {
  for (let i = at + 1; i < words.length - 1; i++) {
    if (words[i] === '--strict-ssl' && SSL_VERIFY_OFF.test(words[i + 1]))
      report(i, `--strict-ssl ${words[i + 1]}`, 'tls', removeWords(i, i + 1));
  }
}

/** `apt-get -o Acquire::https::Verify-Peer=false` (TLS) or `-o APT::Get::AllowUnauthenticated=true` (signatures). */
function aptOptions({ cmd, words, at, name, out, report, removeWords }: Check): void {
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-o' && APT_OPTION.test(words[i + 1] ?? '')) {
      const kind = /Verify-/i.test(words[i + 1]) ? 'tls' : 'signature';
      out.push({
        messageId: kind === 'tls' ? 'flag' : 'signature',
        args: { flag: words[i + 1], command: name },
        at: cmd.words[i + 1].source,
        fix: fixOf(kind === 'tls' ? 'fix' : 'fixSignature', removeWords(i, i + 1), { flag: `-o ${words[i + 1]}` }, 'unsafe'),
      });
      i++;
    } else if (/^-o./.test(w) && APT_OPTION.test(w.slice(2))) {
      report(i, w, /Verify-/i.test(w) ? 'tls' : 'signature', removeWords(i, i));
    }
  }
}

/** `yum --setopt=sslverify=0` for one run (a flag), or written to the repo config by a config manager. */
function yumSetopt({ words, at, report, removeWords }: Check, config: (i: number, command: string, kind: Kind) => void): void {
  const manager = isConfigManager(words, at);
  for (let i = at + 1; i < words.length; i++) {
    const setopt = /^--setopt=(.*)$/.exec(words[i]) ?? (words[i] === '--setopt' ? [words[i], words[i + 1] ?? ''] : undefined);
    const m = setopt && SETOPT.exec(setopt[1].replace(/\s+/g, ''));
    if (!m) continue;
    const kind: Kind = m[1].toLowerCase() === 'sslverify' ? 'tls' : 'signature';
    const two = words[i] === '--setopt';
    if (manager) config(two ? i + 1 : i, `${words.slice(at, i).join(' ')} --setopt=${setopt[1]}`, kind);
    else report(two ? i + 1 : i, two ? `--setopt ${setopt[1]}` : words[i], kind, removeWords(i, two ? i + 1 : i));
    if (two) i++;
  }
}

function rpmInstalls(words: string[], at: number): boolean {
  return words.slice(at + 1).some((w) => /^--(?:install|upgrade|freshen|reinstall)$/.test(w) || /^-[a-zA-Z]*[iUF]/.test(w));
}

const YUM_LIKE = new Set(['yum', 'dnf', 'dnf5', 'microdnf', 'tdnf', 'yum-config-manager', 'dnf-config-manager']);

/** `yum-config-manager`, `dnf config-manager`, `yum config-manager`: settings saved for every later command. */
function isConfigManager(words: string[], at: number): boolean {
  const name = baseName(words[at]);
  if (name === 'yum-config-manager' || name === 'dnf-config-manager') return true;
  return words.slice(at + 1).some((w) => w === 'config-manager');
}

function curlInsecure(
  cmd: ShellCommand,
  at: number,
  report: (i: number, label: string, kind: Kind, edits: TextEdit[] | undefined) => void,
): void {
  const words = cmd.words.map((w) => w.text);
  for (const h of scanOptions(words, at + 1, CURL_SHORT_WITH_ARG, CURL_LONG_WITH_ARG)) {
    if (h.name !== 'k' || h.letterAt === undefined || !cmd.words[h.index].literal) continue;
    const word = cmd.words[h.index];
    if (word.text === '-k') {
      report(h.index, '-k', 'tls', cmd.removeWords?.(h.index, h.index));
    } else {
      const range = word.rangeOf?.(h.letterAt, h.letterAt + 1);
      report(h.index, '-k', 'tls', range ? [{ file: word.source.file, range, newText: '' }] : undefined);
    }
  }
}

function gitSslVerify(
  cmd: ShellCommand,
  at: number,
  out: RuleReport[],
  removeWords: (from: number, to: number) => TextEdit[] | undefined,
): void {
  const words = cmd.words.map((w) => w.text);
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if ((w === '-c' || w === '--config') && /^http\.(?:.*\.)?sslverify=(?:false|0|no|off)$/i.test(words[i + 1] ?? '')) {
      out.push({
        messageId: 'flag',
        args: { flag: words[i + 1], command: 'git' },
        at: cmd.words[i + 1].source,
        fix: fixOf('fix', removeWords(i, i + 1), { flag: `${w} ${words[i + 1]}` }, 'unsafe'),
      });
      i++;
    } else if (w === 'config') {
      const j = words.findIndex((k, n) => n > i && /^http\.(?:.*\.)?sslverify$/i.test(k) && SSL_VERIFY_OFF.test(words[n + 1] ?? ''));
      if (j > 0) out.push({ messageId: 'config', args: { command: `git config ${words[j]} ${words[j + 1]}` }, at: cmd.words[j].source });
      return;
    }
  }
}

/** The positional words after the command (flags skipped), with their indices. */
function positionals(words: string[], at: number): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  for (let i = at + 1; i < words.length; i++) if (!words[i].startsWith('-')) out.push({ text: words[i], index: i });
  return out;
}

/** `npm config set strict-ssl false` and its relatives: settings kept for every later command. */
function configCommand(cmd: ShellCommand, at: number, name: string, config: (i: number, command: string, kind: Kind) => void): void {
  const words = cmd.words.map((w) => w.text);
  const pos = positionals(words, at);
  const p = pos.map((x) => x.text);
  // `KEY=VALUE` in one word or `KEY VALUE` in two.
  const keyValue = (from: number): { key: string; value: string; index: number } | undefined => {
    const first = pos[from];
    if (!first) return undefined;
    const eq = first.text.indexOf('=');
    if (eq > 0) return { key: first.text.slice(0, eq), value: first.text.slice(eq + 1), index: first.index };
    return pos[from + 1] ? { key: first.text, value: pos[from + 1].text, index: first.index } : undefined;
  };
  if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    const setAt = p[0] === 'set' ? 1 : (p[0] === 'config' || p[0] === 'c') && p[1] === 'set' ? 2 : -1;
    const kv = setAt > 0 ? keyValue(setAt) : undefined;
    if (kv && /^(?:strict-ssl|enableStrictSsl)$/i.test(kv.key) && /^(?:false|0)$/i.test(kv.value)) {
      config(kv.index, `${name} config set ${kv.key} ${kv.value}`, 'tls');
    }
    return;
  }
  if (isPipCommand(words) && p.includes('config')) {
    const c = p.indexOf('config');
    const kv = p[c + 1] === 'set' ? keyValue(c + 2) : undefined;
    if (kv && /(?:^|\.)trusted-host$/i.test(kv.key) && kv.value !== '') config(kv.index, `pip config set ${kv.key} ${kv.value}`, 'tls');
    return;
  }
  if (name === 'conda' || name === 'mamba' || name === 'micromamba') {
    const i = words.indexOf('--set', at + 1);
    if (p[0] === 'config' && i > 0 && /^ssl_verify$/i.test(words[i + 1] ?? '') && SSL_VERIFY_OFF.test(words[i + 2] ?? '')) {
      config(i + 1, `${name} config --set ssl_verify ${words[i + 2]}`, 'tls');
    }
    return;
  }
  if (name === 'poetry' && p[0] === 'config') {
    const kv = keyValue(1);
    if (kv && /^certificates\..+\.cert$/i.test(kv.key) && /^false$/i.test(kv.value))
      config(kv.index, `poetry config ${kv.key} false`, 'tls');
    return;
  }
  if (name === 'composer' && p[0] === 'config') {
    const kv = keyValue(1);
    if (kv && /^disable-tls$/i.test(kv.key) && /^(?:true|1)$/i.test(kv.value))
      config(kv.index, `composer config disable-tls ${kv.value}`, 'tls');
    if (kv && /^secure-http$/i.test(kv.key) && /^(?:false|0)$/i.test(kv.value))
      config(kv.index, `composer config secure-http ${kv.value}`, 'tls');
    return;
  }
  if (name === 'go' && p[0] === 'env' && words.includes('-w')) {
    for (const x of pos.slice(1)) {
      const eq = x.text.indexOf('=');
      if (eq > 0 && tlsDisablingEnv(x.text.slice(0, eq), x.text.slice(eq + 1))) config(x.index, `go env -w ${x.text}`, 'tls');
    }
  }
}

/**
 * Text a command writes that configures a tool: `echo "deb [trusted=yes] http://..." > /etc/apt/...`. A line's
 * leading blanks are `[^\S\n]*`, not `\s*`, which starts again at every line break of a run of them: quadratic
 * on its own (the words it reads are already compacted to 4 KB, so this is a second bound, not the only one).
 */
const APT_TRUSTED = /(?:^|\n)[^\S\n]*deb(?:-src)?\s+\[([^\]\n]*)\]\s*(\S+)/g;
const APT_CONF =
  /(?:Acquire::https?::(?:[^:\s]+::)?Verify-(?:Peer|Host)\s+"?(?:false|0|no)"?|(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)\s+"?(?:true|1|yes)"?)/i;
const REPO_LINE = /(?:^|\n|\\n)[^\S\n]*(sslverify|gpgcheck|repo_gpgcheck)\s*=\s*(?:0|false|no|off)\s*(?=$|\n|\\n)/i;
const WGETRC = /(?:^|\n|\\n)[^\S\n]*check[_-]certificate\s*=\s*(?:off|0|no|false)\s*(?=$|\n|\\n)/i;
const SED_SET =
  /^s(.)(?:(?!\1).)*\1(?:(?!\1).)*\b(sslverify|gpgcheck|check_certificate)\s*=\s*(?:0|false|no|off)\b(?:(?!\1).)*\1[gI0-9]*$/i;
/** Commands whose words are text written somewhere (a file, through a redirection or a pipe). */
const PRINTERS = new Set(['echo', 'printf', 'add-apt-repository', 'apt-add-repository']);

/** Longer words are not searched for configuration lines (bounded work; such text is data, not a setting). */
const MAX_CONFIG_WORD = 4096;
const CONFIG_HINT = /sslverify|gpgcheck|check.certificate|trusted=|Verify-|AllowUnauthenticated|AllowInsecure/i;

function writtenConfig(cmd: ShellCommand, at: number, name: string, out: RuleReport[]): void {
  if (!PRINTERS.has(name) && name !== 'sed') return;
  for (let i = at + 1; i < cmd.words.length; i++) {
    const word = cmd.words[i];
    const text = word.text;
    if (text.length > MAX_CONFIG_WORD || !CONFIG_HINT.test(text)) continue;
    if (name === 'sed') {
      const m = SED_SET.exec(text);
      if (m) out.push(configReport(word, `sed ${text}`, m[2].toLowerCase() === 'gpgcheck' ? 'signature' : 'tls'));
      continue;
    }
    if (text.includes('trusted=')) {
      for (const m of text.matchAll(APT_TRUSTED)) {
        const options = m[1].split(/\s+/).filter((o) => o !== '');
        const uri = m[2];
        // A local repository (file:, copy:, cdrom:) has no network path to attack.
        if (!options.some((o) => /^trusted=yes$/i.test(o)) || /^(?:file|copy|cdrom):/i.test(uri)) continue;
        const offset = text.indexOf('trusted=', m.index);
        const range = word.rangeOf?.(offset, offset + 'trusted=yes'.length);
        out.push({ messageId: 'aptTrusted', args: { url: uri }, at: range ? { file: word.source.file, range } : word.source });
      }
    }
    if (APT_CONF.test(text)) out.push(configReport(word, APT_CONF.exec(text)![0], /Verify-/i.test(text) ? 'tls' : 'signature'));
    const repo = REPO_LINE.exec(text);
    if (repo)
      out.push(configReport(word, repo[0].replace(/^(?:\\n|\s)+/, ''), repo[1].toLowerCase() === 'sslverify' ? 'tls' : 'signature'));
    const wgetrc = WGETRC.exec(text);
    if (wgetrc) out.push(configReport(word, wgetrc[0].replace(/^(?:\\n|\s)+/, ''), 'tls'));
  }
}

function configReport(word: ShellWord, command: string, kind: Kind): RuleReport {
  return { messageId: kind === 'tls' ? 'config' : 'signatureConfig', args: { command: command.trim() }, at: word.source };
}
