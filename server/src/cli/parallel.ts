import * as fs from 'node:fs';
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
  /** Fewer files than this are linted on the main thread alone. */
  minFiles?: number;
  /** Fewer bytes than this (all files together) are linted on the main thread alone (see DEFAULT_MIN_BYTES). */
  minBytes?: number;
  /** Worker threads to start; default: the cores idle right now (the main thread aside), at most 8. */
  workers?: number;
  /** Told how many files the workers linted (tests check that they did). */
  report?: (workerFiles: number) => void;
  /** False: the main thread leaves every file to the workers (tests), linting only what a stalled one leaves. */
  mainLints?: boolean;
}

const DEFAULT_MIN_FILES = 48;
/**
 * A worker pays for itself only on a large input and an idle core (docs/decisions/performance.md). Each worker
 * loads the bundle and warms up a JIT of its own, and its findings are copied back: measured on 2 cores with
 * no core idle, one worker added 17 % to the CPU time at 100 files (36 KB), 30 % at 412 (146 KB) and 33 % at
 * 4,120 (1.4 MB), and the run took longer, not shorter. Below this size (a repository's few compose files, a
 * pre-commit hook) the main thread lints alone.
 */
const DEFAULT_MIN_BYTES = 1024 * 1024;
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
  if (files.length < (opts.minFiles ?? DEFAULT_MIN_FILES)) return undefined;
  // Idle cores first: reading the run queue costs less than adding up the files' sizes.
  const count = Math.min(opts.workers ?? idleCoresNow(), 8);
  if (count < 1) return undefined;
  if (opts.workers === undefined && !atLeastBytes(files, opts.minBytes ?? DEFAULT_MIN_BYTES)) return undefined;

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

/** Whether the files add up to `min` bytes (stops counting there; a file that cannot be read counts nothing). */
function atLeastBytes(files: readonly DiscoveredFile[], min: number): boolean {
  let total = 0;
  for (const f of files) {
    if (total >= min) return true;
    try {
      total += fs.statSync(f.path, { throwIfNoEntry: false })?.size ?? 0;
    } catch {
      // unreadable: its lint says so
    }
  }
  return total >= min;
}

/**
 * Cores nobody else is using now, besides this thread's: the cores less the threads running at this instant
 * (`/proc/loadavg`'s run queue, which counts this one). The one-minute load average, where there is no run queue
 * to read, counts the runs just finished too (a build, the previous run of a benchmark).
 */
function idleCoresNow(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  let running: number | undefined;
  try {
    const m = /^\S+ \S+ \S+ (\d+)\//.exec(fs.readFileSync('/proc/loadavg', 'latin1'));
    if (m) running = Number(m[1]);
  } catch {
    // not Linux
  }
  return Math.min(cores - 1, running !== undefined ? cores - running : Math.floor(cores - os.loadavg()[0]));
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
