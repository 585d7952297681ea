/**
 * Prints how long loading the bundled extension (dist/extension.js) takes in a fresh process: the part of
 * activation that is ours before the language server starts. VS Code is not available here, so `vscode` is a
 * stub whose every member is a callable, constructible no-op.
 */
import * as path from 'node:path';

const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };

// A plain function (not an arrow): classes in the bundle extend members of `vscode`.
const member = () => new Proxy(function () {}, stub);
const stub: ProxyHandler<() => void> = {
  get: (_t, key) => (key === 'prototype' ? {} : member()),
  apply: member,
  construct: member,
};
const load = Module._load;
Module._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? member() : load.call(this, request, ...rest);
};

const t0 = process.hrtime.bigint();
require(path.resolve(__dirname, '..', '..', 'dist', 'extension.js'));
process.stdout.write(`${Number(process.hrtime.bigint() - t0) / 1e6}\n`);
