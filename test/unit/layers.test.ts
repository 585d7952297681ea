/**
 * The adapters (CLI, language server, VS Code client) are thin: no module outside server/src/analysis reads
 * config, decides severity, checks sizes, decodes files or wraps rule errors, and none parses a file itself.
 * Rules know no YAML, shell or LSP types. These are checked on the sources, so a shortcut fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  return fs
    .readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** What only the analysis core may do, by the names that do it. */
const CORE_ONLY: Array<[RegExp, string]> = [
  [/from '(\.\.\/)+(analysis\/(config|policy|profiles|findings|files|fixes|kinds|decode|registry)|config)'/, 'imports a core internal'],
  [
    /\b(parseConfig|loadConfigFor|severityResolver|fixEnabled|profileLevels|decodeBytes|encodeText|lintParsed|finishFindings|containerFindings)\b/,
    'reads config, decides severity or runs rules',
  ],
  // The lint's size limit (files the CLI is told about, --config and --baseline, are read with bounds of their own).
  [/byteLength|\bMAX_FILE_(BYTES|KB)\b|DEFAULT_MAX_FILE/, 'checks sizes'],
  [/'(internal-error|file-too-large|parse-error)'|Dockwarden failed/, 'makes file-problem findings'],
  [/from '(yaml|dockerfile-ast|mvdan-sh|jsonc-parser|picomatch)'|from '(\.\.\/)+(compose|dockerfile|project)\//, 'parses files itself'],
];

test('adapters hold no per-file logic: config, severity, sizes, decoding and errors are the core’s', () => {
  const problems: string[] = [];
  for (const file of [...sources('server/src/cli'), ...sources('server/src/lsp'), ...sources('client/src')]) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [pattern, what] of CORE_ONLY) {
      const m = pattern.exec(text);
      if (m) problems.push(`${file} ${what}: ${m[0]}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('rules and the model know no YAML, shell-parser, LSP or Node types', () => {
  const problems: string[] = [];
  for (const file of sources('shared-rules/src')) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const m = /from '(yaml|dockerfile-ast|mvdan-sh|jsonc-parser|vscode-[\w-]+|node:[\w/]+|fs|path)'|require\(/.exec(text);
    if (m) problems.push(`${file}: ${m[0]}`);
  }
  assert.deepEqual(problems, []);
});

test('front ends register in one place and plug in through the interface', () => {
  const registry = fs.readFileSync(path.join(ROOT, 'server/src/analysis/registry.ts'), 'utf8');
  const registered = [...registry.matchAll(/new (\w+FrontEnd)\(/g)].map((m) => m[1]);
  assert.ok(registered.length >= 2, registered.join(', '));
  for (const name of registered) {
    const file = sources('server/src').find((f) =>
      fs.readFileSync(path.join(ROOT, f), 'utf8').includes(`class ${name} implements FrontEnd`),
    );
    assert.ok(file, `${name} implements FrontEnd`);
  }
});
