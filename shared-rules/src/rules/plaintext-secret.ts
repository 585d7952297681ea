import type { EnvEntry } from '../model';
import type { Rule, RuleReport } from '../rule';

/**
 * A variable name looks like a credential when one of its words (split at `_`, `-`, `.` and camelCase)
 * is a credential word (PASSWORD, PASSWD, PASS, PASSPHRASE, SECRET(S), TOKEN, CREDENTIAL(S), CREDS,
 * APIKEY, or a word ending in PASSWORD/PASSWD/SECRET/TOKEN such as WEBPASSWORD) or two adjacent words form a key phrase (API_KEY, PRIVATE_KEY, ACCESS_KEY, AUTH_KEY,
 * ACCOUNT_KEY, ENCRYPTION_KEY, SIGNING_KEY, MASTER_KEY) — unless a word after the last such match says
 * the variable is *about* the secret rather than the secret: FILE, PATH, DIR, ID, NAME, USER, URL,
 * HOST, PORT, LENGTH, TTL, EXPIRY, TYPE, METHOD, ... (`PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`, `TOKEN_URL`).
 * Values that are booleans (`ALLOW_EMPTY_PASSWORD: "yes"`) are flags, not secrets, and values that are file paths
 * (`GOOGLE_APPLICATION_CREDENTIALS=/run/config/key.json`, `TLS_KEY=certs/server.key`) name where the secret is.
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

/** File extensions of key, certificate, keystore and config files: a value ending so names a file. */
const FILE_EXTENSION =
  /\.(?:json|pem|key|crt|cert|cer|der|csr|p7b|p8|p12|pfx|jks|keystore|truststore|pub|asc|gpg|kdbx|txt|ya?ml|toml|ini|conf|cfg|env|properties|xml)$/i;
/** An absolute POSIX path with at least two segments of path characters (`/run/secrets/db`), not base64 (`+`, `=`). */
const ABSOLUTE_PATH = /^\/[\w.@-]+(?:\/[\w.@-]+)+\/?$/;
/** `~/x`, `./x`, `../x`, `C:\x`, `C:/x`. */
const OTHER_PATH = /^(?:~|\.{1,2})[\\/][\w.@\\/-]+$|^[A-Za-z]:[\\/][\w .@\\/-]*$/;

/** A value that names a file rather than being a credential: a path, or a file name with a key/config extension. */
export function looksLikePath(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.length > 4096 || /\s/.test(v.replace(/^[A-Za-z]:[\\/].*$/, ''))) return false;
  if (ABSOLUTE_PATH.test(v) || OTHER_PATH.test(v)) return true;
  return /^[\w.@\\/:~-]+$/.test(v) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && FILE_EXTENSION.test(v);
}

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
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default:
      "Service '{service}' sets {name} in plain text: anyone who can read this file or run docker inspect sees it; use Compose secrets ({name}_FILE) or ${{name}} from an untracked .env",
    arg: 'ARG {name} looks like a credential: build arguments are recorded in the image history; pass it with RUN --mount=type=secret instead',
    env: 'ENV {name} stores a credential in the image: every layer and docker inspect shows it; use a build secret or set it at run time',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const e of c.environment) {
      if (!looksLikeCredentialName(e.name)) continue;
      if (e.kind === 'arg') {
        // `ARG GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/key.json`: the default says it holds a path.
        if (e.value?.known && looksLikePath(e.value.value)) continue;
        out.push({ messageId: 'arg', args: { name: e.name }, at: e.source });
      } else if (hasLiteralValue(e)) {
        const messageId = e.kind === 'env' ? 'env' : 'default';
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
  return text !== '' && !FLAG_VALUE.test(text) && !looksLikePath(text);
}
