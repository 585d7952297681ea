import type { EnvEntry } from '../model';
import type { Rule, RuleReport } from '../rule';

/**
 * A variable name looks like a credential when one of its words (split at `_`, `-`, `.` and camelCase)
 * is a credential word (PASSWORD, PASSWD, PASS, PASSPHRASE, SECRET(S), TOKEN, CREDENTIAL(S), CREDS,
 * APIKEY, or a word ending in PASSWORD/PASSWD/SECRET/TOKEN such as WEBPASSWORD) or two adjacent words form a key phrase (API_KEY, PRIVATE_KEY, ACCESS_KEY, AUTH_KEY,
 * ACCOUNT_KEY, ENCRYPTION_KEY, SIGNING_KEY, MASTER_KEY) — unless a word after the last such match says
 * the variable is *about* the secret rather than the secret: FILE, PATH, DIR, ID, NAME, USER, URL,
 * HOST, PORT, LENGTH, TTL, EXPIRY, TYPE, METHOD, ... (`PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`, `TOKEN_URL`).
 * Values that are booleans (`ALLOW_EMPTY_PASSWORD: "yes"`) are flags, not secrets.
 *
 * Compose: a literal, non-empty, non-interpolated value. Dockerfile: every such ARG (build arguments are
 * recorded in the image history even without a default) and every such ENV with a literal value.
 */
const WORDS = new Set([
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASS',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'APIKEY',
  'PRIVATEKEY',
]);
/** Credential words glued to a prefix: `WEBPASSWORD`, `ADMINTOKEN`. */
const GLUED = /^[A-Z0-9]+(PASSWORD|PASSWD|SECRET|TOKEN)$/;
const KEY_PREFIXES = new Set(['API', 'PRIVATE', 'ACCESS', 'AUTH', 'ACCOUNT', 'ENCRYPTION', 'SIGNING', 'MASTER']);
const ABOUT = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'ID',
  'IDS',
  'NAME',
  'USER',
  'USERNAME',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'LENGTH',
  'LEN',
  'MIN',
  'MAX',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'TIMEOUT',
  'LIFETIME',
  'HEADER',
  'TYPE',
  'METHOD',
  'ENABLED',
  'REQUIRED',
  'POLICY',
  'ALGORITHM',
  'FORMAT',
  'PREFIX',
  'LOCATION',
  'HASH',
  'HASHED',
  'MODE',
  'PROVIDER',
  'KIND',
  'VERSION',
  'COMMAND',
  'CMD',
  'REF',
  'ARN',
]);
const FLAG_VALUE = /^(true|false|yes|no|on|off)$/i;

/** Answers by name: the same variables recur across services and files (anchors, shared `.env` names). */
const credentialNames = new Map<string, boolean>();

export function looksLikeCredentialName(name: string): boolean {
  let answer = credentialNames.get(name);
  if (answer === undefined) {
    answer = classifyName(name);
    if (credentialNames.size >= 4096) credentialNames.clear();
    credentialNames.set(name, answer);
  }
  return answer;
}

function classifyName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length > 0);
  let end = -1;
  for (let i = 0; i < words.length; i++) {
    if (WORDS.has(words[i]) || GLUED.test(words[i])) end = i + 1;
    else if (words[i] === 'KEY' && i > 0 && KEY_PREFIXES.has(words[i - 1])) end = i + 1;
  }
  if (end < 0) return false;
  return !words.slice(end).some((w) => ABOUT.has(w));
}

export const plaintextSecret: Rule = {
  id: 'plaintext-secret',
  title: 'Secret written in plain text',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile', 'docker-run'],
  fixable: false,
  messages: {
    default:
      '{Container} sets {name} in plain text: anyone who can read this file or run docker inspect sees it; use Compose secrets ({name}_FILE) or ${{name}} from an untracked .env',
    flag: '{Container} sets {name} in plain text on its command line: anyone who can read this file, the CI log or docker inspect sees it; pass it from the environment (-e {name}) or an untracked --env-file',
    arg: 'ARG {name} looks like a credential: build arguments are recorded in the image history; pass it with RUN --mount=type=secret instead',
    env: 'ENV {name} stores a credential in the image: every layer and docker inspect shows it; use a build secret or set it at run time',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const e of c.environment) {
      if (!looksLikeCredentialName(e.name)) continue;
      if (e.kind === 'arg') {
        out.push({ messageId: 'arg', args: { name: e.name }, at: e.source });
      } else if (hasLiteralValue(e)) {
        const messageId = e.kind === 'env' ? 'env' : c.origin === 'docker-run' ? 'flag' : 'default';
        out.push({ messageId, args: { service: c.name, name: e.name }, at: e.source });
      }
    }
    return out;
  },
};

function hasLiteralValue(e: EnvEntry): boolean {
  const v = e.value;
  if (!v || !v.known || e.interpolated) return false;
  const text = v.value.trim();
  return text !== '' && !FLAG_VALUE.test(text);
}
