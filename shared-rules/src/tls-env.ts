/**
 * Environment variables that turn TLS certificate verification off: one decision (name and value → the tool it
 * affects) for every place a variable is set — Dockerfile `ENV` and `ARG` defaults, `NAME=value cmd` prefixes,
 * `export NAME=value`, `env NAME=value cmd`, Compose `environment:` and, later, devcontainer `containerEnv`.
 * Pure: the caller decides whether the value is known (unknown values never fire).
 */

/** How a value reads: `false`, `0`, `no`, `off` (any case) as a tool's boolean parser would take them. */
const FALSE = /^(?:false|0|no|off)$/i;
const TRUE = /^(?:true|1|yes|on|t)$/i;

interface Entry {
  /** Variable names, matched exactly unless `caseInsensitive`. */
  names: readonly string[];
  caseInsensitive?: boolean;
  /** Name pattern (for families such as `POETRY_CERTIFICATES_<NAME>_CERT`). */
  pattern?: RegExp;
  tool: string;
  /** True when this value turns verification off. */
  disables(value: string): boolean;
}

const MAVEN_INSECURE =
  /-D(?:maven\.wagon\.http\.ssl\.(?:insecure|allowall|ignore\.validity\.dates)=true|aether\.connector\.https\.securityMode=insecure|maven\.resolver\.transport\.https\.securityMode=insecure)\b/i;

const ENTRIES: readonly Entry[] = [
  // Node.js: "If value equals '0', certificate validation is disabled for TLS connections."
  { names: ['NODE_TLS_REJECT_UNAUTHORIZED'], tool: 'Node.js', disables: (v) => v === '0' },
  // git checks only that the variable is set ("to any value"): even GIT_SSL_NO_VERIFY=0 or an empty value.
  { names: ['GIT_SSL_NO_VERIFY'], tool: 'git', disables: () => true },
  {
    names: ['GIT_CONFIG_PARAMETERS'],
    tool: 'git',
    disables: (v) => /(?:^|['\s])http\.(?:[^=' ]*\.)?sslverify'?=\s*'?(?:false|0|no|off)\b/i.test(v),
  },
  // PEP 493 (Python 2.7.9+ as shipped by some distributions): PYTHONHTTPSVERIFY=0 skips verification.
  { names: ['PYTHONHTTPSVERIFY'], tool: 'Python', disables: (v) => v === '0' },
  // npm (and pnpm, Yarn 1) read npm_config_* in any case; a boolean config reads "false" and "0" as false.
  { names: ['npm_config_strict_ssl'], caseInsensitive: true, tool: 'npm', disables: (v) => /^(?:false|0)$/i.test(v) },
  { names: ['YARN_STRICT_SSL', 'YARN_ENABLE_STRICT_SSL'], tool: 'Yarn', disables: (v) => /^(?:false|0)$/i.test(v) },
  // pip: every PIP_<OPTION> is the option; --trusted-host skips TLS checks for that host.
  { names: ['PIP_TRUSTED_HOST'], tool: 'pip', disables: (v) => v !== '' },
  { names: ['UV_INSECURE_HOST'], tool: 'uv', disables: (v) => v !== '' },
  // requests takes an empty CA bundle path as "do not verify".
  { names: ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'], tool: 'Python requests', disables: (v) => v === '' },
  { names: ['GOINSECURE'], tool: 'Go', disables: (v) => v !== '' },
  { names: ['GOFLAGS'], tool: 'Go', disables: (v) => /(?:^|\s)-insecure(?:=true)?(?:\s|$)/.test(v) },
  { names: ['CONDA_SSL_VERIFY'], tool: 'conda', disables: (v) => FALSE.test(v) },
  { names: ['BUNDLE_SSL_VERIFY_MODE'], tool: 'Bundler', disables: (v) => v === '0' },
  { names: ['MAVEN_OPTS', 'MAVEN_ARGS', 'MAVEN_CONFIG', 'JAVA_TOOL_OPTIONS'], tool: 'Maven', disables: (v) => MAVEN_INSECURE.test(v) },
  { names: [], pattern: /^POETRY_CERTIFICATES_[A-Z0-9_]+_CERT$/, tool: 'Poetry', disables: (v) => /^false$/i.test(v) },
  { names: ['AZURE_CLI_DISABLE_CONNECTION_VERIFICATION'], tool: 'Azure CLI', disables: (v) => v !== '' },
  { names: ['VAULT_SKIP_VERIFY'], tool: 'Vault', disables: (v) => TRUE.test(v) },
  { names: ['NOMAD_SKIP_VERIFY'], tool: 'Nomad', disables: (v) => TRUE.test(v) },
  { names: ['CONSUL_HTTP_SSL_VERIFY'], tool: 'Consul', disables: (v) => FALSE.test(v) },
  { names: ['HELM_KUBEINSECURE_SKIP_TLS_VERIFY'], tool: 'Helm', disables: (v) => TRUE.test(v) },
];

const exact = new Map<string, Entry>();
const folded = new Map<string, Entry>();
for (const e of ENTRIES) for (const n of e.names) (e.caseInsensitive ? folded : exact).set(e.caseInsensitive ? n.toLowerCase() : n, e);

/**
 * The tool whose certificate checks `name=value` turns off, or undefined. `value` is the variable's value with
 * quotes removed (surrounding blanks are ignored, as the tools' parsers ignore them).
 */
export function tlsDisablingEnv(name: string, value: string): string | undefined {
  const entry = exact.get(name) ?? folded.get(name.toLowerCase()) ?? ENTRIES.find((e) => e.pattern?.test(name));
  if (!entry) return undefined;
  // The patterns look at options and short values: a longer value is judged by its start (bounded work).
  const v = (value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value).trim();
  return entry.disables(v) ? entry.tool : undefined;
}

const MAX_VALUE = 2048;

/** The variable names the table knows (for documentation and tests). */
export function tlsEnvNames(): string[] {
  return ENTRIES.flatMap((e) => e.names);
}
