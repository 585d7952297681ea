import type { EnvEntry } from '../model';
import type { Rule, RuleReport } from '../rule';
import { joinPath } from '../paths';
import { writtenAsFlag } from '../values';

/**
 * A variable name looks like a credential when one of its words (split at `_`, `-`, `.` and camelCase)
 * is a credential word (PASSWORD, PASSWD, PASS, PASSPHRASE, PWORD, PSW, SECRET(S), TOKEN, CREDENTIAL(S), CREDS,
 * APIKEY, or a word ending in PASSWORD/PASSWD/SECRET/TOKEN such as WEBPASSWORD) or two adjacent words form a key phrase (API_KEY, PRIVATE_KEY, ACCESS_KEY, AUTH_KEY,
 * ACCOUNT_KEY, ENCRYPTION_KEY, SIGNING_KEY, MASTER_KEY) — unless a word after the last such match says
 * the variable is *about* the secret rather than the secret: FILE, PATH, DIR, ID, NAME, USER, URL,
 * HOST, PORT, LENGTH, TTL, EXPIRY, TYPE, METHOD, ... (`PASSWORD_FILE`, `TOKEN_URL`), or the name says it is
 * PUBLIC. Well-known credential names the word rules would miss count too (`AWS_ACCESS_KEY_ID`,
 * `NPM_CONFIG__AUTH`). Values that are booleans (`ALLOW_EMPTY_PASSWORD: "yes"`) are flags, not secrets, and values
 * that are file paths (`GOOGLE_APPLICATION_CREDENTIALS=/run/config/key.json`, `TLS_KEY=certs/server.key`) name
 * where the secret is.
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
  // Jenkins' credentials binding names the password of FOO as FOO_PSW (and the user FOO_USR).
  'PSW',
  'PWORD',
]);
/**
 * Well-known credential variables that the word rules would miss, matched as the name's last words (so that
 * `VITE_AWS_ACCESS_KEY_ID` counts too): the AWS access key id is half of a key pair and is accepted by nothing
 * without the secret, but leaking it names the account and the key, and tools treat the pair as one credential.
 */
const WELL_KNOWN = [
  ['AWS', 'ACCESS', 'KEY', 'ID'],
  ['NPM', 'CONFIG', 'AUTH'],
];
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
  // A variable meant to be public (`PUBLIC_TOKEN`, `NEXT_PUBLIC_API_KEY` is shipped to every browser) is not a secret.
  if (words.includes('PUBLIC')) return false;
  if (WELL_KNOWN.some((w) => w.length <= words.length && w.every((x, i) => words[words.length - w.length + i] === x))) return true;
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
  appliesTo: ['compose', 'dockerfile', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    default:
      '{Container} sets {name} in plain text: anyone who can read this file or run docker inspect sees it; use Compose secrets ({name}_FILE) or ${{name}} from an untracked .env',
    devcontainer:
      '{Container} sets {name} in plain text: anyone who can read this file or run docker inspect sees it; take it from your environment with ${localEnv:{name}} instead',
    flag: '{Container} sets {name} in plain text on its command line: anyone who can read this file, the CI log or docker inspect sees it; pass it from the environment (-e {name}) or an untracked --env-file',
    arg: 'ARG {name} looks like a credential: build arguments are recorded in the image history; pass it with RUN --mount=type=secret instead',
    env: 'ENV {name} stores a credential in the image: every layer and docker inspect shows it; pass it to the RUN that needs it with RUN --mount=type=secret, or set it when the container starts',
    copiedFile:
      '{name}={value} points to a credentials file that COPY puts into the image: anyone who can pull the image can read it; mount the file when the container starts, or use RUN --mount=type=secret during the build',
    copiedInto:
      'COPY puts a file where {name} tells tools to read credentials: anyone who can pull the image can read it; mount the file when the container starts, or use RUN --mount=type=secret during the build',
  },
  check(c) {
    const out: RuleReport[] = [];
    const copies = c.dockerfile?.copies ?? [];
    const copiedInto = new Set<string>();
    const destinations = new Set(copies.flatMap((k) => (k.destination !== undefined ? [k.destination] : [])));
    for (const copy of copies) {
      const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?\/?$/.exec((copy.written.raw ?? '').trim());
      if (!m || !CREDENTIAL_FILES.has(m[1])) continue;
      copiedInto.add(m[1]);
      out.push({ messageId: 'copiedInto', args: { name: m[1] }, at: copy.written.source });
    }
    for (const e of c.environment) {
      if (CREDENTIAL_FILES.has(e.name)) {
        // The value is a path, not the secret: what matters is whether the file is in the image.
        const v = e.value;
        const path = v?.known && v.value.trim() !== '' && e.workdir !== undefined ? joinPath(e.workdir, v.value.trim()) : undefined;
        if (e.kind !== 'environment' && path && !copiedInto.has(e.name) && isUnderAny(path, destinations)) {
          out.push({ messageId: 'copiedFile', args: { name: e.name, value: v!.value.trim() }, at: e.source });
        }
        continue;
      }
      if (!looksLikeCredentialName(e.name)) continue;
      if (e.kind === 'arg') {
        // `ARG GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/key.json`: the default says it holds a path.
        if (e.value?.known && looksLikePath(e.value.value)) continue;
        out.push({ messageId: 'arg', args: { name: e.name }, at: e.source });
      } else if (hasLiteralValue(e)) {
        const messageId =
          e.kind === 'env' ? 'env' : writtenAsFlag(c, e.value) ? 'flag' : c.origin === 'devcontainer' ? 'devcontainer' : 'default';
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

/**
 * Variables that name the file a tool reads credentials from (Google's service-account key, the AWS credentials
 * and config files, the Hugging Face token file, a kubeconfig): their value is a path, not a secret, but a file
 * that COPY puts at that path ships the credentials in the image.
 */
const CREDENTIAL_FILES = new Set([
  'GOOGLE_APPLICATION_CREDENTIALS',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'HF_TOKEN_PATH',
  'KUBECONFIG',
]);

/** `path` is one of `dirs` or below one (checked by its ancestors: linear in the path, not in the COPY count). */
function isUnderAny(path: string, dirs: ReadonlySet<string>): boolean {
  for (let p = path; ; p = p.slice(0, Math.max(p.lastIndexOf('/'), 1))) {
    if (dirs.has(p)) return true;
    if (p === '/') return false;
  }
}
