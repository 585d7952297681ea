import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

interface Position {
  line: number;
  character: number;
}

/** A bare LSP client over stdio for benchmarks: start, open, edit, wait for diagnostics. */
export class BenchClient {
  private readonly waiters = new Map<string, Array<() => void>>();
  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  static async start(serverJs: string, settings: Record<string, unknown>): Promise<BenchClient> {
    const proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new BenchClient(proc, conn);
    // Writes racing the server's exit after `shutdown` must not crash the benchmark.
    proc.stdin!.on('error', () => undefined);
    conn.onError(() => undefined);
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      const list = client.waiters.get(p.uri);
      if (list?.length) list.shift()!();
    });
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
      initializationOptions: { settings },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: { dockwarden: settings } });
    return client;
  }

  /** Resolves on the next publishDiagnostics for `uri` (bounded by `timeoutMs`). */
  nextDiagnostics(uri: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiters.get(uri) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiters.set(uri, list);
    });
  }

  /** One request the server answers at once (an unknown method): what any answer costs in transport. */
  async roundTrip(): Promise<number> {
    const t0 = process.hrtime.bigint();
    await this.conn.sendRequest('dockwarden/bench-ping').catch(() => undefined);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }

  open(file: string, languageId: string, text: string): string {
    const uri = pathToFileURL(path.resolve(file)).toString();
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Replaces `start`..`end` (default: `start`) with `insert`. */
  change(uri: string, version: number, start: Position, insert: string, end: Position = start): void {
    const range = { start, end };
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: insert }],
    });
  }

  rssMb(): number {
    try {
      const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit').catch(() => undefined);
    } catch {
      /* the server may already be gone */
    }
    this.conn.end();
    this.conn.dispose();
    this.proc.kill();
  }
}
