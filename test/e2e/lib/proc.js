// Process helpers for the e2e harness: bounded waits, logged child processes, and killing a whole process tree.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws after `ms` milliseconds with `what` in the message. */
async function waitFor(what, fn, ms = 60000, every = 200) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
    } catch (e) {
      if (e && e.fatal) throw e;
      last = undefined;
    }
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

/** Every descendant of `pid` (children first found through /proc/<pid>/task/<tid>/children, else /proc/<p>/stat). */
function descendants(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* process ended while we looked */
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of children.get(p) || []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM the tree rooted at `pid`, wait up to `graceMs` for all of it to go, then SIGKILL what is left. */
async function killTree(pid, graceMs = 15000) {
  if (!pid) return;
  const pids = [pid, ...descendants(pid)];
  for (const p of pids) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await sleep(100);
  // Anything the tree spawned meanwhile is collected too.
  const left = pids.filter(alive).concat(pids.flatMap((p) => (alive(p) ? descendants(p) : [])));
  for (const p of left) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  const d2 = Date.now() + 5000;
  while (left.some(alive) && Date.now() < d2) await sleep(100);
}

const started = new Set();

/** Last resort (global timeout, Ctrl+C): SIGKILL every process tree this harness started and that still runs. */
function killAllSync() {
  for (const pid of started) {
    for (const p of [...descendants(pid), pid]) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

/** Spawns a command with stdout+stderr appended to `logFile`; returns the ChildProcess with an `exited` promise. */
function spawnLogged(cmd, args, { logFile, env, cwd } = {}) {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  started.add(child.pid);
  child.on('exit', () => started.delete(child.pid));
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (e) => fs.appendFileSync(logFile, `\n[spawn error] ${e.stack || e}\n`));
  return child;
}

/** Runs a command to completion with a hard timeout (the tree is killed on timeout). Resolves { code, timedOut, ms }. */
async function runBounded(cmd, args, { logFile, env, cwd, timeoutMs = 60000 } = {}) {
  const t0 = Date.now();
  const child = spawnLogged(cmd, args, { logFile, env, cwd });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(child.pid, 3000);
  }, timeoutMs);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  return { code, signal, timedOut, ms: Date.now() - t0 };
}

module.exports = { killAllSync, sleep, waitFor, descendants, killTree, spawnLogged, runBounded, alive };
