import { applyEdits } from '../helpers/edits';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

/** The repo root (out/test/protocol/harness.js → ../../..). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lsp');

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  codeDescription?: { href: string };
  relatedInformation?: unknown[];
  tags?: number[];
  data?: unknown;
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diag[];
}

/** Full capabilities as VS Code sends them (the parts the server looks at). */
export const FULL_CAPABILITIES = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      tagSupport: { valueSet: [1, 2] },
      dataSupport: true,
    },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { showDocument: { support: true } },
};

export interface Session {
  conn: MessageConnection;
  proc: ChildProcess;
  published: Published[];
  /** What the server asked for: workspace/configuration items, registrations, shown documents... */
  requests: { method: string; params: unknown }[];
  /** The settings answered to workspace/configuration. */
  settings: Record<string, unknown>;
  initializeResult: { capabilities: Record<string, unknown> };
  latest(uri: string): Published | undefined;
  waitFor<T>(what: string, fn: () => T | undefined | false, ms?: number): Promise<T>;
  open(uri: string, text: string, languageId?: string, version?: number): void;
  change(uri: string, version: number, changes: unknown[]): void;
  close(): Promise<void>;
}

export function tempDir(prefix = 'dw-lsp-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function copyFixture(name: string): string {
  const dir = tempDir();
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export const uriOf = (p: string) => pathToFileURL(p).href;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `node dist/server.js --stdio` and initializes it; every wait is bounded and close() kills it. */
export async function startSession(opts: {
  capabilities?: unknown;
  initializationOptions?: unknown;
  locale?: string;
  settings?: Record<string, unknown>;
  rootDir?: string;
}): Promise<Session> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` (tsc -b && node scripts/bundle.mjs) first`);
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (b) => (stderr += String(b)));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: Published[] = [];
  const requests: { method: string; params: unknown }[] = [];
  const session = {
    conn,
    proc,
    published,
    requests,
    settings: opts.settings ?? {},
  } as Session;
  conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('window/showMessage', (p) => {
    requests.push({ method: 'window/showMessage', params: p });
  });
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
    requests.push({ method: 'workspace/configuration', params: p });
    return p.items.map(() => session.settings);
  });
  conn.onRequest('client/registerCapability', (p) => {
    requests.push({ method: 'client/registerCapability', params: p });
    return null;
  });
  conn.onRequest('window/showDocument', (p) => {
    requests.push({ method: 'window/showDocument', params: p });
    return { success: true };
  });
  conn.listen();

  session.latest = (uri) => [...published].reverse().find((p) => p.uri === uri);
  session.waitFor = async (what, fn, ms = 10_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = fn();
      if (v) return v as never;
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; server stderr: ${stderr.slice(-2000)}`);
      if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}) while waiting for ${what}: ${stderr.slice(-2000)}`);
      await sleep(10);
    }
  };
  session.open = (uri, text, languageId = 'dockercompose', version = 1) =>
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  session.change = (uri, version, changes) =>
    void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  session.close = async () => {
    try {
      await withTimeout(conn.sendRequest('shutdown'), 2000);
      void conn.sendNotification('exit');
    } catch {
      // killed below anyway
    }
    await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(1000)]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
    conn.dispose();
  };

  try {
    session.initializeResult = await withTimeout(
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: opts.rootDir ? uriOf(opts.rootDir) : null,
        capabilities: opts.capabilities ?? FULL_CAPABILITIES,
        initializationOptions: opts.initializationOptions,
        locale: opts.locale,
      }),
      10_000,
    );
    void conn.sendNotification('initialized', {});
  } catch (e) {
    proc.kill('SIGKILL');
    throw e;
  }
  return session;
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`request timed out after ${ms} ms`)))]);
}

export const codes = (p: Published | undefined) => (p?.diagnostics ?? []).map((d) => String(d.code));

/** Applies LSP text edits (ranges refer to the original text) as a client does. */
export function applyLspEdits(text: string, edits: { range: Diag['range']; newText: string }[]): string {
  return applyEdits(
    text,
    edits.map((e) => ({ file: '', ...e })),
  );
}

/** The edits of a workspace edit for one URI, from `changes` or `documentChanges`. */
export function editsFor(edit: any, uri: string): { range: Diag['range']; newText: string }[] {
  if (!edit) return [];
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? []).filter((c: any) => c.textDocument?.uri === uri).flatMap((c: any) => c.edits);
}
