/**
 * One analysis core for both adapters: for every file of the fixtures (and of the real-world corpus, when it is
 * beside the checkout), the CLI's JSON findings and the language server's diagnostics agree exactly — rule,
 * severity, range, message and fix — including UTF-16 files, files over the size limit and multi-file projects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../server/src/cli/run';
import { decodeBytes } from '../../server/src/analysis/decode';
import type { JsonFinding } from '../../server/src/cli/format';
import { CORPUS_DIR, CORPUS_SKIP } from '../helpers/corpus';
import { ROOT, startSession, type Diag, type Published } from './harness';

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

interface Comparable {
  rule: string;
  severity: number;
  range: string;
  message: string;
  fix?: string;
}

/** The CLI's JSON for `.` in `root` (no process environment: the editor reads none either). */
function cliFindings(root: string): { files: string[]; byFile: Map<string, Comparable[]> } {
  let out = '';
  runCli(['--format', 'json', '--fail-on', 'none', '.'], {
    cwd: root,
    env: {},
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => true },
  });
  const json = JSON.parse(out) as { files: string[]; findings: JsonFinding[] };
  const byFile = new Map<string, Comparable[]>(json.files.map((f) => [path.resolve(root, f), []]));
  for (const f of json.findings) {
    const abs = path.resolve(root, f.file);
    const fix =
      f.fix &&
      `${f.fix.title} ${f.fix.edits.map((e) => `${path.resolve(root, e.file)}@${e.line - 1}:${e.column - 1}-${e.endLine - 1}:${e.endColumn - 1}=${JSON.stringify(e.newText)}`).join(' ')}`;
    byFile.get(abs)?.push({
      rule: f.rule,
      severity: SEVERITY[f.severity],
      range: `${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1}`,
      message: f.message,
      ...(fix ? { fix } : {}),
    });
  }
  return { files: [...byFile.keys()], byFile };
}

function fromDiagnostic(d: Diag): Comparable {
  const data = d.data as { fix?: { title: string; edits: { file: string; range: Diag['range']; newText: string }[] } } | undefined;
  const r = d.range;
  const fix =
    data?.fix &&
    `${data.fix.title} ${data.fix.edits.map((e) => `${e.file}@${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${JSON.stringify(e.newText)}`).join(' ')}`;
  return {
    rule: String(d.code),
    severity: d.severity ?? 0,
    range: `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`,
    message: d.message,
    ...(fix ? { fix } : {}),
  };
}

const order = (list: Comparable[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Opens every file the CLI linted and waits until the server has published for each and gone quiet. */
async function lspFindings(root: string, files: readonly string[]): Promise<Map<string, Comparable[]>> {
  const s = await startSession({ rootDir: root });
  try {
    const latest = new Map<string, Published>();
    let last = Date.now();
    s.conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      latest.set(p.uri, p);
      last = Date.now();
    });
    const uris = files.map((f) => pathToFileURL(f).href);
    // As an editor does: the text decoded from the file's bytes, the language left to the server.
    files.forEach((f, i) => s.open(uris[i], decodeBytes(fs.readFileSync(f)).text, ''));
    await s.waitFor('every file published, then quiet', () => uris.every((u) => latest.has(u)) && Date.now() - last > 400, 240_000);
    return new Map(files.map((f, i) => [f, (latest.get(uris[i])?.diagnostics ?? []).map(fromDiagnostic)]));
  } finally {
    await s.close();
  }
}

async function compare(root: string): Promise<number> {
  const cli = cliFindings(root);
  const lsp = await lspFindings(root, cli.files);
  const differences: string[] = [];
  for (const file of cli.files) {
    const a = order(cli.byFile.get(file)!);
    const b = order(lsp.get(file)!);
    try {
      assert.deepStrictEqual(b, a);
    } catch {
      differences.push(`${path.relative(root, file)}:\n  cli ${JSON.stringify(a)}\n  lsp ${JSON.stringify(b)}`);
    }
  }
  assert.deepEqual(differences.slice(0, 5), [], `${differences.length} of ${cli.files.length} files differ`);
  return cli.files.length;
}

/** The fixtures, plus what they lack: UTF-16 and UTF-8 BOM files, a file over the size limit. */
function fixtureRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-parity-'));
  fs.cpSync(path.join(ROOT, 'test', 'fixtures'), path.join(root, 'fixtures'), { recursive: true });
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    ports: ["8080:80"]\n';
  fs.mkdirSync(path.join(root, 'encodings'));
  fs.writeFileSync(
    path.join(root, 'encodings', 'utf16.compose.yaml'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(compose, 'utf16le')]),
  );
  fs.writeFileSync(
    path.join(root, 'encodings', 'bom.compose.yaml'),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(compose)]),
  );
  fs.writeFileSync(
    path.join(root, 'encodings', 'Dockerfile'),
    'FROM alpine:3.20\n# 日本語 🐳 comment\nRUN curl -k https://x.example/i.sh | sh\n',
  );
  fs.mkdirSync(path.join(root, 'large'));
  fs.writeFileSync(path.join(root, 'large', 'compose.yaml'), `${compose}${'# padding\n'.repeat(110_000)}`);
  return root;
}

test('the CLI and the language server agree on every fixture file', { timeout: 300_000 }, async () => {
  const files = await compare(fixtureRoot());
  assert.ok(files > 30, `${files} files compared`);
});

test('the CLI and the language server agree on every corpus file', { skip: CORPUS_SKIP, timeout: 600_000 }, async () => {
  const files = await compare(CORPUS_DIR);
  assert.ok(files > 500, `${files} files compared`);
});
