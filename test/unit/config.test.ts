import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixEnabled, loadConfigFor, mergeConfig, parseConfig, severityResolver, emptyConfig } from '../../server/src/analysis/config';
import { STARTER_CONFIG } from '../../server/src/cli/init';
import { Analysis } from '../../server/src/analysis';

const errorsOf = (text: string) =>
  parseConfig('/p/.dockwarden.yaml', text).errors.map((e) => `${e.line + 1}:${e.character + 1} ${e.message}`);

test('a full config parses into the contract shape', () => {
  const { config, errors } = parseConfig(
    '/p/.dockwarden.yaml',
    [
      'rules:',
      '  host-*: error',
      '  image-no-digest: off',
      '  cpu-limit-missing: hint',
      'trustedRegistries: [ghcr.io/acme, docker.io/library]',
      'ignore:',
      '  - vendor/**',
      'fixes:',
      '  root-user: false',
      'composeFiles: ["deploy/*.yml"]',
    ].join('\n'),
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(config, {
    rules: { 'host-*': 'error', 'image-no-digest': 'off', 'cpu-limit-missing': 'hint' },
    trustedRegistries: ['ghcr.io/acme', 'docker.io/library'],
    ignore: ['vendor/**'],
    fixes: { 'root-user': false },
    composeFiles: ['deploy/*.yml'],
  });
});

test('unknown keys, unknown rule ids and bad values are errors at their line and column', () => {
  assert.deepEqual(errorsOf('rule:\n  privileged: off\n'), ["1:1 Unknown key 'rule' (did you mean 'rules'?)"]);
  assert.deepEqual(errorsOf('trustedRegistry: [a]\n'), ["1:1 Unknown key 'trustedRegistry' (did you mean 'trustedRegistries'?)"]);
  assert.deepEqual(errorsOf('rules:\n  priviliged: error\n'), ["2:3 Unknown rule 'priviliged' (did you mean 'privileged'?)"]);
  assert.deepEqual(errorsOf('rules:\n  privileged: loud\n'), [
    "2:15 Invalid level for 'privileged': expected one of off, hint, info, warning, error",
  ]);
  assert.deepEqual(errorsOf('ignore: vendor\n'), ["1:9 'ignore' must be a list of strings"]);
  assert.deepEqual(errorsOf('fixes:\n  privileged: maybe\n'), ['2:15 Invalid value for fixes.privileged: expected true or false']);
  assert.deepEqual(errorsOf('- rules\n'), ['1:1 The config must be a mapping of keys such as rules, ignore and trustedRegistries']);
  assert.deepEqual(errorsOf('totally: unrelated\n'), ["1:1 Unknown key 'totally'"]);
  const syntax = errorsOf('rules:\n  a: [b\n');
  assert.equal(syntax.length > 0, true);
  assert.match(syntax[0], /^\d+:\d+ /);
});

test('globs need not name a known rule; an empty file is an empty config', () => {
  assert.deepEqual(errorsOf('rules:\n  "nothing-*": off\n'), []);
  assert.deepEqual(parseConfig('/p/.dockwarden.yaml', '').config, emptyConfig());
  assert.deepEqual(parseConfig('/p/.dockwarden.yaml', '# only a comment\n').errors, []);
});

test('severity: exact id beats glob; among globs the longest pattern wins', () => {
  const resolve = severityResolver({
    ...emptyConfig(),
    rules: { '*': 'info', 'host-*': 'error', 'host-p*': 'hint', 'host-pid': 'off' },
  });
  assert.equal(resolve('host-pid', 'f'), 'off');
  assert.equal(resolve('host-ipc', 'f'), 'error');
  assert.equal(resolve('host-p-something', 'f'), 'hint');
  assert.equal(resolve('privileged', 'f'), 'info');
  assert.equal(severityResolver(emptyConfig())('privileged', 'f'), undefined);
});

test('fixes: enabled unless turned off by id or glob', () => {
  const config = { ...emptyConfig(), fixes: { 'root-user': false, '*-missing': false, 'pids-limit-missing': true } };
  assert.equal(fixEnabled(config, 'root-user'), false);
  assert.equal(fixEnabled(config, 'cap-drop-missing'), false);
  assert.equal(fixEnabled(config, 'pids-limit-missing'), true);
  assert.equal(fixEnabled(config, 'privileged'), true);
});

test('loadConfigFor walks up to the first config file', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-config-'));
  fs.mkdirSync(path.join(root, 'a/b/c'), { recursive: true });
  fs.writeFileSync(path.join(root, '.dockwarden.yml'), 'rules:\n  privileged: warning\n');
  fs.writeFileSync(path.join(root, 'a/.dockwarden.yaml'), 'rules:\n  privileged: info\n');
  const files = { readText: (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined) };
  assert.equal(loadConfigFor(path.join(root, 'a/b/c'), files).file, path.join(root, 'a/.dockwarden.yaml'));
  assert.equal(loadConfigFor(path.join(root, 'a/b/c'), files).config.rules.privileged, 'info');
  assert.equal(loadConfigFor(root, files).config.rules.privileged, 'warning');
  const none = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-noconfig-'));
  const loaded = loadConfigFor(none, { readText: (f) => (f.startsWith(none) ? undefined : undefined) });
  assert.deepEqual(loaded, { config: emptyConfig(), errors: [] });
});

test('a config file over the size limit is not read, and not passed over: an error says so', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-config-'));
  try {
    const big = path.join(root, '.dockwarden.yaml');
    fs.writeFileSync(big, `rules:\n${'  privileged: off\n'.repeat(70_000)}`);
    fs.writeFileSync(path.join(root, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const analysis = new Analysis({ roots: [root] });
    const found = analysis.discover(['.'], root);
    assert.equal(found.configErrors.length, 1);
    assert.equal(found.configErrors[0].file, big);
    assert.match(found.configErrors[0].message, /larger than 1024 KB and was not read/);
    const lint = analysis.lint(path.join(root, 'compose.yaml'), { explicit: true });
    assert.ok(
      lint.findings.some((f) => f.rule === 'privileged'),
      'its settings are not applied',
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('loadConfigFor with a memo: the same configs as without, each folder and parent probed once', () => {
  // In memory, POSIX paths: /w/.dockwarden.yaml applies to every project folder under /w except /w/p2, which has its own.
  const texts = new Map([
    ['/w/.dockwarden.yaml', 'rules:\n  privileged: warning\n'],
    ['/w/p2/.dockwarden.yml', 'rules:\n  privileged: info\n'],
  ]);
  const probes: string[] = [];
  const files = {
    readText: (f: string) => {
      probes.push(f);
      return texts.get(f);
    },
  };
  const memo = new Map<string, ReturnType<typeof loadConfigFor>>();
  const dirs = ['/w/p0/a', '/w/p1/a', '/w/p2/a', '/w/p0/b', '/w/p1', '/w'];
  const withMemo = dirs.map((d) => loadConfigFor(d, files, memo));
  const probed = probes.splice(0);
  const without = dirs.map((d) => loadConfigFor(d, files));
  assert.deepEqual(
    withMemo.map((l) => [l.file, l.config.rules.privileged]),
    without.map((l) => [l.file, l.config.rules.privileged]),
  );
  assert.deepEqual(
    withMemo.map((l) => l.file),
    [
      '/w/.dockwarden.yaml',
      '/w/.dockwarden.yaml',
      '/w/p2/.dockwarden.yml',
      '/w/.dockwarden.yaml',
      '/w/.dockwarden.yaml',
      '/w/.dockwarden.yaml',
    ],
  );
  assert.equal(new Set(probed).size, probed.length, `a name was probed twice: ${probed.join(' ')}`);
  assert.ok(!probed.some((f) => f.startsWith('/.dockwarden')), 'the walk stops at the first config found');
  // Folders below one found config share its parse.
  assert.equal(withMemo[0], withMemo[1]);
});

test('mergeConfig: the override wins key by key', () => {
  const merged = mergeConfig(
    { rules: { a: 'error', b: 'info' }, ignore: ['x'], fixes: { a: true }, trustedRegistries: ['r1'] },
    { rules: { b: 'off' }, fixes: { a: false } },
  );
  assert.deepEqual(merged.rules, { a: 'error', b: 'off' });
  assert.deepEqual(merged.fixes, { a: false });
  assert.deepEqual(merged.trustedRegistries, ['r1']);
  assert.deepEqual(merged.ignore, ['x']);
});

test('the starter config of `dockwarden init` is valid', () => {
  assert.deepEqual(parseConfig('/p/.dockwarden.yaml', STARTER_CONFIG).errors, []);
  // Its commented examples are valid too once uncommented.
  const uncommented = STARTER_CONFIG.replace(/^(\s*)# (?=[\w"*-]+:|- )/gm, '$1');
  assert.deepEqual(parseConfig('/p/.dockwarden.yaml', uncommented).errors, []);
  assert.equal(parseConfig('/p/.dockwarden.yaml', uncommented).config.rules['host-*'], 'error');
});
