import type { EnvEntry, ShellCommand, TextEdit } from '../model';
import type { Rule, RuleReport } from '../rule';
import { fixOf } from '../values';
import { CURL_LONG_WITH_ARG, CURL_SHORT_WITH_ARG, commandIndex, commandName, interpreterFamily, scanOptions } from '../shell';

/**
 * Turning off certificate (or package signature) checks lets anyone on the network path impersonate the
 * server and swap what the build installs. Fires on the flags of curl, wget, pip, apk, apt-get, yum/dnf,
 * npm and git that do so, in any stage's RUN (reported at the flag; the fix removes it, just the letter in
 * a cluster such as `-fsSLk`, both words for `--trusted-host host`), on `npm config set strict-ssl false`
 * and `git config http.sslVerify false` (no fix), and on ENV NODE_TLS_REJECT_UNAUTHORIZED=0,
 * GIT_SSL_NO_VERIFY (git only checks that it is set) and PYTHONHTTPSVERIFY=0 (no fix).
 */
export const tlsVerificationDisabled: Rule = {
  id: 'tls-verification-disabled',
  title: 'TLS certificate verification disabled',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The flag is usually there because a check once failed (an image without CA certificates, a self-signed or intercepting proxy, a local unsigned package); without it that download or install fails again.',
  },
  messages: {
    flag: '{flag} turns off certificate verification for {command}: anyone on the network path can impersonate the server and replace what the build downloads',
    config:
      '{command} turns off TLS certificate verification for every later command: anyone on the network path can impersonate the server and replace what the build downloads',
    env: 'ENV {name} turns off TLS certificate verification for every later command of the build and in the running container: anyone on the network path can impersonate the servers it talks to',
    fix: 'Remove {flag} (may fail the build where the server or package has no valid certificate or signature)',
  },
  check(c) {
    const info = c.dockerfile;
    if (!info) return [];
    const out: RuleReport[] = [];
    for (const e of c.environment)
      if (e.kind === 'env' && envDisablesTls(e)) out.push({ messageId: 'env', args: { name: e.name }, at: e.source });
    for (const run of info.allRuns) for (const cmd of run.commands) out.push(...checkCommand(cmd));
    return out;
  },
};

function envDisablesTls(e: EnvEntry): boolean {
  const v = e.value;
  if (!v || !v.known) return false;
  const value = v.value.trim();
  switch (e.name) {
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
    case 'PYTHONHTTPSVERIFY':
      return value === '0';
    case 'GIT_SSL_NO_VERIFY':
      return value !== '';
    default:
      return false;
  }
}

/** Long flags that disable verification, by command. */
const FLAGS: Record<string, string[]> = {
  curl: ['--insecure', '--proxy-insecure', '--doh-insecure'],
  wget: ['--no-check-certificate'],
  apk: ['--allow-untrusted'],
  'apt-get': ['--allow-unauthenticated', '--allow-insecure-repositories'],
  apt: ['--allow-unauthenticated', '--allow-insecure-repositories'],
  aptitude: ['--allow-untrusted'],
  yum: ['--nogpgcheck'],
  dnf: ['--nogpgcheck'],
  microdnf: ['--nogpgcheck'],
  tdnf: ['--nogpgcheck'],
  zypper: ['--no-gpg-checks'],
  npm: ['--strict-ssl=false'],
  yarn: ['--strict-ssl=false'],
  pnpm: ['--strict-ssl=false'],
};

/** apt `-o` settings that turn checks off. */
const APT_INSECURE =
  /^(?:Acquire::AllowInsecureRepositories|APT::Get::AllowUnauthenticated|Acquire::AllowDowngradeToInsecureRepositories)=(?:true|1|yes)$|^Acquire::https?::Verify-(?:Peer|Host)=(?:false|0|no)$/i;

function checkCommand(cmd: ShellCommand): RuleReport[] {
  const words = cmd.words.map((w) => w.text);
  const at = commandIndex(words);
  if (at < 0) return [];
  const name = commandName(words);
  const out: RuleReport[] = [];
  const flag = (i: number, label: string, edits: TextEdit[] | undefined) =>
    out.push({
      messageId: 'flag',
      args: { flag: label, command: name },
      at: cmd.words[i].source,
      fix: fixOf('fix', edits, { flag: label }),
    });
  const removeWords = (from: number, to: number) => cmd.removeWords?.(from, to);

  for (let i = at + 1; i < words.length; i++) {
    if (words[i] === '--') break;
    if (FLAGS[name]?.includes(words[i])) flag(i, words[i], removeWords(i, i));
  }

  if (name === 'curl') {
    for (const h of scanOptions(words, at + 1, CURL_SHORT_WITH_ARG, CURL_LONG_WITH_ARG)) {
      if (h.name !== 'k' || h.letterAt === undefined) continue;
      const word = cmd.words[h.index];
      if (word.text === '-k') {
        flag(h.index, '-k', removeWords(h.index, h.index));
      } else {
        const range = word.rangeOf?.(h.letterAt, h.letterAt + 1);
        flag(h.index, '-k', range ? [{ file: word.source.file, range, newText: '' }] : undefined);
      }
    }
  }

  if (isPip(words, at)) {
    for (let i = at + 1; i < words.length; i++) {
      if (words[i] === '--trusted-host' && i + 1 < words.length) flag(i, `--trusted-host ${words[i + 1]}`, removeWords(i, i + 1));
      else if (words[i].startsWith('--trusted-host=')) flag(i, words[i], removeWords(i, i));
    }
  }

  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    for (let i = at + 1; i < words.length; i++) {
      if (words[i] === '-o' && APT_INSECURE.test(words[i + 1] ?? '')) {
        out.push({
          messageId: 'flag',
          args: { flag: words[i + 1], command: name },
          at: cmd.words[i + 1].source,
          fix: fixOf('fix', removeWords(i, i + 1), { flag: `-o ${words[i + 1]}` }),
        });
      } else if (words[i].startsWith('-o') && APT_INSECURE.test(words[i].slice(2))) {
        flag(i, words[i], removeWords(i, i));
      }
    }
  }

  if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    // `npm config set strict-ssl false`, `npm set strict-ssl=false`
    const set = words.indexOf('set', at + 1);
    if (set > 0) {
      const key = words[set + 1] ?? '';
      if (/^strict-ssl=false$/i.test(key) || (/^strict-ssl$/i.test(key) && /^false$/i.test(words[set + 2] ?? ''))) {
        out.push({ messageId: 'config', args: { command: `${name} config set strict-ssl false` }, at: cmd.words[set + 1].source });
      }
    }
  }

  if (name === 'git') {
    for (let i = at + 1; i < words.length; i++) {
      const w = words[i];
      if (w === '-c' && /^http\.(?:.*\.)?sslverify=(?:false|0|no|off)$/i.test(words[i + 1] ?? '')) {
        out.push({
          messageId: 'flag',
          args: { flag: words[i + 1], command: name },
          at: cmd.words[i + 1].source,
          fix: fixOf('fix', removeWords(i, i + 1), { flag: `-c ${words[i + 1]}` }),
        });
        i++;
      } else if (w === 'config' && words.slice(i + 1).some((k, j) => isSslVerifyOff(k, words[i + 2 + j]))) {
        const j = words.findIndex((k, n) => n > i && isSslVerifyOff(k, words[n + 1]));
        out.push({ messageId: 'config', args: { command: `git config ${words[j]} false` }, at: cmd.words[j].source });
        break;
      }
    }
  }
  return out;
}

function isSslVerifyOff(key: string, value: string | undefined): boolean {
  return /^http\.(?:.*\.)?sslverify$/i.test(key) && /^(?:false|0|no|off)$/i.test(value ?? '');
}

/** `pip install`, `pip3.11 install`, `python3 -m pip install`. */
function isPip(words: string[], at: number): boolean {
  const name = commandName(words);
  if (/^pip\d*(\.\d+)?$/.test(name)) return true;
  if (interpreterFamily(name) !== 'python') return false;
  const m = words.indexOf('-m', at + 1);
  return m > 0 && /^pip\d*$/.test(words[m + 1] ?? '');
}
