// Starts a private code-server (VS Code 1.100.3 in the browser) on 127.0.0.1 and stops it with its whole process tree.
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const { spawnLogged, runBounded, killTree, waitFor } = require('./proc');

const E2E_DIR = path.resolve(__dirname, '..');
const ENTRY = path.join(E2E_DIR, 'node_modules/code-server/out/node/entry.js');

let SHORT_TMP;
/** One short private temp folder per harness run (removed on exit); its path is printed by run.js. */
function shortTmp() {
  if (!SHORT_TMP) {
    SHORT_TMP = fs.mkdtempSync('/tmp/dw-e2e-');
    process.on('exit', () => {
      try {
        fs.rmSync(SHORT_TMP, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    });
  }
  return SHORT_TMP;
}

/** HOME, XDG_* and TMPDIR inside `dir`, so code-server, Chromium and VS Code's IPC sockets never touch the real ones. */
function privateEnv(dir, extra = {}) {
  const home = path.join(dir, 'home');
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // Unix sockets (Chromium's singleton, VS Code's IPC) need paths under 108 bytes: keep these short.
    XDG_RUNTIME_DIR: path.join(shortTmp(), 'run'),
    TMPDIR: path.join(shortTmp(), 'tmp'),
    ...extra,
  };
  for (const k of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR', 'TMPDIR']) {
    fs.mkdirSync(env[k], { recursive: true, mode: 0o700 });
  }
  // Variables of an enclosing VS Code would confuse the nested one.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
}

const healthy = (url) =>
  new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });

/**
 * Starts code-server with a private user-data-dir and extensions-dir under `dir`, installing `vsix` first.
 * Returns { url, port, dir, env, log, stop() }.
 */
async function startCodeServer({ dir, port, vsix, env: extraEnv = {} }) {
  fs.mkdirSync(path.join(dir, 'ud/User'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'ext'), { recursive: true });
  const env = privateEnv(dir, extraEnv);
  fs.writeFileSync(
    path.join(dir, 'ud/User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'files.autoSave': 'off',
        'editor.codeActionWidget.includeNearbyQuickFixes': true,
        'chat.commandCenter.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  const log = path.join(dir, 'code-server.log');
  const common = ['--user-data-dir', path.join(dir, 'ud'), '--extensions-dir', path.join(dir, 'ext')];
  if (vsix) {
    const r = await runBounded(process.execPath, [ENTRY, ...common, '--install-extension', vsix, '--force'], {
      logFile: log,
      env,
      timeoutMs: 60000,
    });
    if (r.code !== 0) throw new Error(`code-server --install-extension failed (exit ${r.code}); see ${log}`);
  }
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const child = spawnLogged(
    process.execPath,
    [
      ENTRY,
      '--config',
      config,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...common,
    ],
    { logFile: log, env },
  );
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.exited.then(() => {
    exited = true;
  });
  try {
    await waitFor(
      'code-server /healthz',
      async () => {
        if (exited) throw Object.assign(new Error(`code-server exited early; see ${log}`), { fatal: true });
        return healthy(url);
      },
      60000,
      250,
    );
  } catch (e) {
    await killTree(child.pid);
    throw exited ? new Error(`code-server exited early; see ${log}`) : e;
  }
  return { url, port, dir, env, log, pid: child.pid, stop: () => killTree(child.pid) };
}

/** Workbench URL for `folder`, optionally with the test-electron style payload (development extension, tests). */
function workbenchUrl(cs, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  let u = `${cs.url}/?folder=${encodeURIComponent(folder)}`;
  const payload = [];
  const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

module.exports = { startCodeServer, workbenchUrl, privateEnv, shortTmp, ENTRY };
