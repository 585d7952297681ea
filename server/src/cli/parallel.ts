import * as os from 'node:os';
import type { MessagePort, Worker as WorkerThread } from 'node:worker_threads';
import type { DiscoveredFile } from '../analysis';
import type { FileFindings, LintSetup } from './lint-files';

/**
 * Lints many files on several threads while keeping `runCli` synchronous: the main thread and the workers
 * take the next file from a shared counter (so a worker that starts late simply takes fewer), workers post
 * each file's findings back, and the main thread, once the counter runs out, waits for the files the workers
 * still hold. Results are put back in file order, so the output is the same as linting one file after another.
 */

export interface ParallelOptions {
  /** The script a worker runs: the CLI entry, which calls `runLintWorker` when it is not the main thread. */
  script: string;
  /** Fewer files than this are linted on the main thread alone (starting a worker costs ~50 ms). */
  minFiles?: number;
  /** Worker threads to start; default: the available cores minus the main thread. */
  workers?: number;
  /** Told how many files the workers linted (tests check that they did). */
  report?: (workerFiles: number) => void;
  /** False: the main thread leaves every file to the workers (tests), linting only what a stalled one leaves. */
  mainLints?: boolean;
}

const DEFAULT_MIN_FILES = 48;
/** Passed to workers as their argv, so the entry knows a worker without loading node:worker_threads (~10 ms) first. */
export const WORKER_ARG = '--dockwarden-lint-worker';
/** A worker that makes no progress for this long is given up on; its files are linted here. */
const STALL_MS = 30_000;

interface WorkerInput {
  dockwardenLintWorker: true;
  files: DiscoveredFile[];
  setup: LintSetup;
  /** [next file index, results posted] */
  shared: SharedArrayBuffer;
  port: MessagePort;
}

interface WorkerResult {
  index: number;
  result: FileFindings;
}

const NEXT = 0;
const POSTED = 1;

/** Findings of every file, in file order; undefined when parallel linting does not pay off here. */
export function lintInParallel(
  files: readonly DiscoveredFile[],
  setup: LintSetup,
  opts: ParallelOptions,
  lintHere: (file: DiscoveredFile) => FileFindings,
): FileFindings[] | undefined {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Each worker loads the bundle and warms up the JIT on its own: on a machine whose cores are already busy
  // that costs more than it saves (measured: 1.8 s instead of 1.4 s at a load of 6 on 2 cores).
  const idleCores = Math.floor(cores - os.loadavg()[0]);
  const count = Math.min(opts.workers ?? Math.min(cores - 1, idleCores), 8);
  if (count < 1 || files.length < (opts.minFiles ?? DEFAULT_MIN_FILES)) return undefined;

  const { MessageChannel, receiveMessageOnPort, Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const shared = new SharedArrayBuffer(8);
  const cells = new Int32Array(shared);
  const ports: MessagePort[] = [];
  const workers: WorkerThread[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = { dockwardenLintWorker: true, files: [...files], setup, shared, port: port2 };
      workers.push(new Worker(opts.script, { workerData: input, argv: [WORKER_ARG], transferList: [port2], stdout: false, stderr: false }));
      ports.push(port1);
    }
  } catch {
    // No threads here (a restricted runtime): the main thread lints everything below.
  }

  const results: Array<FileFindings | undefined> = new Array(files.length);
  let mine = 0;
  if (opts.mainLints !== false || workers.length === 0) {
    for (let i = Atomics.add(cells, NEXT, 1); i < files.length; i = Atomics.add(cells, NEXT, 1)) {
      results[i] = lintHere(files[i]);
      mine++;
    }
  }

  // Files the workers took: wait for their results (bounded: a stalled worker's files are linted here).
  const taken = files.length - mine;
  let received = 0;
  let lastProgress = Date.now();
  while (received < taken) {
    let got = false;
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const r = m.message as WorkerResult;
        if (results[r.index] === undefined) received++;
        results[r.index] = r.result;
        got = true;
      }
    }
    if (got) {
      lastProgress = Date.now();
      continue;
    }
    if (Date.now() - lastProgress > STALL_MS) break;
    Atomics.wait(cells, POSTED, Atomics.load(cells, POSTED), 50);
  }
  for (const w of workers) void w.terminate();
  opts.report?.(received);
  for (let i = 0; i < files.length; i++) results[i] ??= lintHere(files[i]);
  return results as FileFindings[];
}

/** The worker side: true when this thread is a lint worker (and has done its work). */
export function runLintWorker(): boolean {
  if (process.argv[2] !== WORKER_ARG) return false;
  const { isMainThread, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  if (isMainThread) return false;
  const input = workerData as WorkerInput | undefined;
  if (!input?.dockwardenLintWorker) return false;
  const cells = new Int32Array(input.shared);
  const { workerAnalysis } = require('./worker') as typeof import('./worker');
  const lint = workerAnalysis(input.setup);
  for (let i = Atomics.add(cells, NEXT, 1); i < input.files.length; i = Atomics.add(cells, NEXT, 1)) {
    const result: WorkerResult = { index: i, result: lint(input.files[i]) };
    input.port.postMessage(result);
    Atomics.add(cells, POSTED, 1);
    Atomics.notify(cells, POSTED);
  }
  input.port.close();
  return true;
}
