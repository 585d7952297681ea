#!/usr/bin/env node
// The `dockwarden` command: runs the bundled CLI (dist/cli.js, built by `npm ci` / `npm run build`).
//
// It runs the bundle as Node's own loader would (`require`), but compiled with the V8 code cache that
// `npm run build` writes beside it (dist/<name>.js.cache, by scripts/code-cache.mjs): V8 then neither parses the
// bundle nor compiles the functions the build's training run used, most of a short run's start-up (see
// docs/decisions/performance.md). Bundles it requires beside itself (`./mvdan-sh.js`, `./dockerfile-ast.js`)
// load the same way. A cache is used only when it was made from this very bundle (the build id at the end of the
// bundle and in the cache's header agree) and is complete and intact (a damaged one would make V8 abort); V8
// itself rejects a cache made by another Node version or with other V8 flags, and the bundle then compiles as
// usual. Nothing is written here. Required rather than run (the build's training run, tests), this file only
// defines the loader.
'use strict';

const fs = require('fs');
const path = require('path');
// Node's Module class, without loading the public `module` builtin.
const Module = module.constructor;

/**
 * `dockwarden-code-cache 2 <build id> <payload bytes> <payload checksum>`, padded with spaces to a multiple of 8
 * bytes, `\n`, then the payload (V8's cached data).
 */
const HEADER = /^dockwarden-code-cache 2 ([0-9a-f]{16,64}) (\d+) ([0-9a-f]{8}) *\n$/;
const BUILD_ID = /\n\/\/# dockwarden-build=([0-9a-f]{16,64})\n?$/;

/** Bundles compiled here, by absolute path (the build's training run makes their caches from these). */
const scripts = new Map();

function cacheFileOf(bundle) {
  return `${bundle}.cache`;
}

/** The build id the bundle ends with (scripts/code-cache.mjs appends it), or undefined. */
function buildIdOf(source) {
  const m = BUILD_ID.exec(source.slice(-100));
  return m ? m[1] : undefined;
}

/** The cached data for `source` when a complete cache of this build is beside `bundle`. */
function readCache(bundle, source) {
  const id = buildIdOf(source);
  if (!id) return undefined;
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFileOf(bundle));
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(10);
  const m = newline > 0 && newline < 200 ? HEADER.exec(bytes.toString('latin1', 0, newline + 1)) : null;
  if (!m || m[1] !== id || Number(m[2]) !== bytes.length - newline - 1) return undefined;
  const payload = bytes.subarray(newline + 1);
  // V8 does not check a code cache's integrity (only in debug builds): a damaged one would abort the process.
  // (An unaligned payload, which the build never writes, gives no checksum and is not used.)
  return checksum(payload) === m[3] ? payload : undefined;
}

/**
 * A 32-bit FNV-1a over one 32-bit word in every 64 bytes of the payload, and its last bytes, as 8 hex digits.
 * Damage on disk comes in blocks (a truncated or half-written file, a zeroed or garbled block), and any damaged
 * span of 64 bytes or more holds a word read here. A single flipped bit could go unseen, as in the bundle itself.
 * Reading every word would cost 2-6 ms of a 70 ms run; this costs a twentieth of that.
 */
function checksum(bytes) {
  if (bytes.byteOffset % 4 !== 0) return '';
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < words.length; i += 16) h = Math.imul(h ^ words[i], 16777619);
  for (let i = Math.max(0, bytes.length - 64); i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Compiles and runs `bundle` (an absolute path) as a CommonJS module, with its code cache when there is a good
 * one; returns its exports. A bundle already loaded (here or by `require`) is not run again.
 */
function loadBundle(bundle, options) {
  const known = Module._cache[bundle];
  if (known) return known.exports;
  const vm = require('node:vm');
  const source = fs.readFileSync(bundle, 'utf8');
  const cachedData = options.noCache ? undefined : readCache(bundle, source);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  scripts.set(bundle, { script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  Module._cache[bundle] = mod;
  const nodeRequire = Module.createRequire(bundle);
  // Bundles beside this one (`require('./mvdan-sh.js')`) come with their caches too.
  const req = (id) =>
    typeof id === 'string' && id.startsWith('./') ? loadBundle(path.join(path.dirname(bundle), id), options) : nodeRequire(id);
  Object.assign(req, { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: nodeRequire.main });
  try {
    script.runInThisContext().call(mod.exports, mod.exports, req, mod, bundle, path.dirname(bundle));
  } catch (error) {
    delete Module._cache[bundle];
    throw error;
  }
  mod.loaded = true;
  return mod.exports;
}

/**
 * Runs the bundle `bundle` (absolute). `entry` is the script that worker threads of this run start with (the CLI
 * starts its lint workers with it, so that they load through here too). `noCache`: compile as if there were none.
 */
function runBundle(bundle, options = {}) {
  globalThis[Symbol.for('dockwarden.entry')] ??= options.entry;
  return loadBundle(bundle, options);
}

module.exports = { runBundle, buildIdOf, cacheFileOf, checksum, scripts };

// Run as a command (or as a lint worker thread's script): the CLI. Required (the build's training run, tests):
// only the loader.
if (require.main === module) runBundle(path.join(__dirname, '..', 'dist', 'cli.js'), { entry: __filename });
