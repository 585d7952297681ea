type Pending = { kind: 'timeout'; handle: NodeJS.Timeout } | { kind: 'immediate'; handle: NodeJS.Immediate };

/** Runs one pending job per key after `delay` ms; a newer schedule for the same key replaces the older one. */
export class Debouncer<K> {
  private readonly pendingJobs = new Map<K, Pending>();

  schedule(key: K, delayMs: number, job: () => void): void {
    this.cancel(key);
    const run = () => {
      this.pendingJobs.delete(key);
      job();
    };
    // Delay 0 is still asynchronous, so a burst of changes in one tick is linted once.
    this.pendingJobs.set(
      key,
      delayMs <= 0 ? { kind: 'immediate', handle: setImmediate(run) } : { kind: 'timeout', handle: setTimeout(run, delayMs) },
    );
  }

  cancel(key: K): void {
    const p = this.pendingJobs.get(key);
    if (!p) return;
    // Each handle must go to its own clear function (clearImmediate on a Timeout corrupts Node's queue).
    if (p.kind === 'timeout') clearTimeout(p.handle);
    else clearImmediate(p.handle);
    this.pendingJobs.delete(key);
  }

  pending(key: K): boolean {
    return this.pendingJobs.has(key);
  }

  dispose(): void {
    for (const k of [...this.pendingJobs.keys()]) this.cancel(k);
  }
}
