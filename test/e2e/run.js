#!/usr/bin/env node
// Runs the e2e suites (VS Code via code-server + Chromium, Neovim, Emacs) against the packaged extension and
// the bundled language server. Usage: node test/e2e/run.js [vscode] [exthost] [neovim] [emacs]  (default: all)
// Everything it starts is stopped; artefacts (screenshots, logs) go to test/e2e/.run/<stamp>/.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const { runBounded, killAllSync } = require('./lib/proc');
const { freshWorkspace, REPO, E2E_DIR } = require('./lib/fixtures');
const { privateEnv } = require('./lib/codeserver');

const T0 = Date.now();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const RUN = path.join(E2E_DIR, '.run', stamp);
fs.mkdirSync(RUN, { recursive: true });
fs.rmSync(path.join(E2E_DIR, '.run', 'latest'), { force: true });
fs.symlinkSync(stamp, path.join(E2E_DIR, '.run', 'latest'));

const log = (msg) => console.log(`[e2e ${((Date.now() - T0) / 1000).toFixed(1)}s] ${msg}`);
const results = [];
function record(name, ok, ms, error, artefacts = []) {
  results.push({ name, ok, ms, error: error ? String((error && error.stack) || error) : undefined, artefacts });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${ms} ms)`);
  if (!ok) {
    console.log(
      `     ${String((error && error.message) || error)
        .split('\n')
        .join('\n     ')}`,
    );
    for (const a of artefacts) if (fs.existsSync(a)) console.log(`     artefact: ${a}`);
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

function findVsix() {
  if (process.env.E2E_VSIX) return path.resolve(process.env.E2E_VSIX);
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  return path.join(REPO, `dockwarden-${version}.vsix`);
}

/** Copies the extension's own log files (the language server's output channel) next to the failure artefacts. */
function collectServerLogs(dir, into) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/dockwarden/i.test(e.name) || /^exthost\.log$|^remoteexthost\.log$/.test(e.name)) found.push(p);
    }
  };
  try {
    walk(dir);
  } catch {
    /* no logs yet */
  }
  fs.mkdirSync(into, { recursive: true });
  return found.map((p, i) => {
    const dest = path.join(into, `${i}-${path.basename(p)}`);
    fs.copyFileSync(p, dest);
    return dest;
  });
}

async function vscodeSuites(which) {
  const { startCodeServer } = require('./lib/codeserver');
  const { launchBrowser } = require('./lib/workbench');
  const { runUiSuite } = require('./vscode/ui');
  const { runExtHostSuite } = require('./vscode/ext-host');
  const vsix = findVsix();
  const csDir = path.join(RUN, 'code-server');
  let cs;
  let browser;
  const failedBefore = results.filter((r) => !r.ok).length;
  try {
    if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix} (run \`npm run package\`)`);
    const t = Date.now();
    cs = await startCodeServer({ dir: csDir, port: await freePort(), vsix });
    log(`code-server ${cs.url} healthy after ${Date.now() - t} ms (VSIX ${path.basename(vsix)} installed)`);
    browser = await launchBrowser(cs.env);
    const ctx = { cs, browser, runDir: RUN, log, record, only: process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null };
    if (which.has('vscode')) await runUiSuite(ctx);
    if (which.has('exthost')) await runExtHostSuite(ctx);
  } catch (e) {
    record('vscode: code-server and Chromium start', false, 0, e, [path.join(csDir, 'code-server.log')]);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (cs) await cs.stop();
  }
  if (results.filter((r) => !r.ok).length > failedBefore) {
    const logs = collectServerLogs(path.join(csDir, 'ud', 'logs'), path.join(RUN, 'server-logs'));
    for (const l of logs) console.log(`     server log: ${l}`);
    console.log(`     code-server log: ${path.join(csDir, 'code-server.log')}`);
  }
  // Refresh the README screenshots when asked to (or when they are missing).
  for (const name of ['vscode-squiggles', 'vscode-quickfix']) {
    const shot = path.join(RUN, `${name}.png`);
    const doc = path.join(REPO, 'docs/images', `${name}.png`);
    if (fs.existsSync(shot) && (process.env.E2E_UPDATE_SCREENSHOTS === '1' || !fs.existsSync(doc))) {
      fs.mkdirSync(path.dirname(doc), { recursive: true });
      fs.copyFileSync(shot, doc);
      log(`updated ${path.relative(REPO, doc)}`);
    }
  }
}

const SERVER = path.join(REPO, 'bin/dockwarden-language-server.js');

/** Runs one headless Neovim script on a fresh copy of `fixture` and records it. */
async function neovimRun(name, fixture, file, script, sub) {
  const dir = path.join(RUN, sub);
  const ws = freshWorkspace(fixture, path.join(dir, 'ws'));
  const env = privateEnv(dir, { DW_SERVER: SERVER, DW_FILE: path.join(ws, file), DW_OUT: dir });
  const logFile = path.join(dir, 'nvim.log');
  const r = await runBounded(
    'timeout',
    ['-k', '5', '60', 'nvim', '--headless', '--clean', '-n', '-i', 'NONE', '-u', path.join(E2E_DIR, 'neovim', script)],
    { logFile, env, cwd: ws, timeoutMs: 70000 },
  );
  const out = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim() : '';
  const lspLog = path.join(env.XDG_CACHE_HOME, 'nvim', 'lsp.log');
  record(
    name,
    r.code === 0 && /PASS/.test(out),
    r.ms,
    r.code === 0 ? null : `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}: ${out.slice(-1500)}`,
    [logFile, lspLog, path.join(dir, 'diagnostics.json')],
  );
}

async function neovimSuite() {
  await neovimRun(
    'neovim: UTF-16 diagnostics on a Japanese/emoji line and a quick fix written to disk',
    'unicode',
    'docker-compose.yml',
    'test.lua',
    'neovim',
  );
  await neovimRun(
    'neovim: a bash script without extension (filetype sh): --privileged at UTF-16 columns, the --pids-limit fix written',
    'script',
    'bin/deploy',
    'script.lua',
    'neovim-script',
  );
}

/** Runs one batch Emacs script on a fresh copy of `fixture` and records it. */
async function emacsRun(name, fixture, file, script, sub) {
  const dir = path.join(RUN, sub);
  const ws = freshWorkspace(fixture, path.join(dir, 'ws'));
  const env = privateEnv(dir, { DW_SERVER: SERVER, DW_FILE: path.join(ws, file) });
  const logFile = path.join(dir, 'emacs.log');
  const r = await runBounded('timeout', ['-k', '5', '60', 'emacs', '-Q', '--batch', '-l', path.join(E2E_DIR, 'emacs', script)], {
    logFile,
    env,
    cwd: ws,
    timeoutMs: 70000,
  });
  const out = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim() : '';
  record(
    name,
    r.code === 0 && /PASS/.test(out),
    r.ms,
    r.code === 0 ? null : `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}: ${out.slice(-1500)}`,
    [logFile],
  );
}

async function emacsSuite() {
  await emacsRun('emacs: eglot + flymake diagnostics and a quick fix saved', 'compose-sock', 'docker-compose.yml', 'test.el', 'emacs');
  await emacsRun(
    'emacs: a bash script in sh-mode (language id sh): --privileged through flymake, the --pids-limit fix saved',
    'script',
    'bin/deploy',
    'script.el',
    'emacs-script',
  );
}

async function main() {
  const args = process.argv.slice(2);
  const which = new Set(args.length ? args : ['vscode', 'exthost', 'neovim', 'emacs']);
  log(`artefacts in ${RUN}`);
  if (which.has('vscode') || which.has('exthost')) await vscodeSuites(which);
  if (which.has('neovim')) await neovimSuite();
  if (which.has('emacs')) await emacsSuite();
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  fs.writeFileSync(path.join(RUN, 'results.json'), JSON.stringify({ ms: Date.now() - T0, results }, null, 2));
  if (failed) console.log(`e2e: failures; screenshots and logs under ${RUN}`);
  log(`done in ${((Date.now() - T0) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed || !results.length ? 1 : 0;
}

function abort(why) {
  killAllSync();
  console.log(`e2e: ${why}; artefacts under ${RUN}`);
  console.log(`e2e: ${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
}
setTimeout(() => abort('global timeout (15 min)'), 15 * 60000).unref();
process.on('SIGINT', () => abort('interrupted'));
process.on('SIGTERM', () => abort('terminated'));
main().catch((e) => {
  console.error(e);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
