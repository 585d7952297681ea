import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analysis, pathMatcher } from '../../server/src/analysis';
import { looksLikeCompose } from '../../server/src/compose/detect';
import { envLocale, parseArgs, UsageError } from '../../server/src/cli/args';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-discover-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const SERVICES = 'services:\n  a:\n    image: x\n';

test('kind by name: compose YAML, Dockerfiles and Containerfiles in any case, not .dockerignore or docs', () => {
  const analysis = new Analysis();
  const kindByName = (f: string) => analysis.kindOf(f);
  const kindOfNamedFile = (f: string) => analysis.kindOf(f, { explicit: true, text: '' });
  assert.equal(kindByName('docker-compose.yml'), 'compose');
  assert.equal(kindByName('x/compose.prod.YAML'), 'compose');
  assert.equal(kindByName('Dockerfile'), 'dockerfile');
  assert.equal(kindByName('api.dockerfile'), 'dockerfile');
  // `Dockerfile.<x>` by its content; named on the command line it is linted as one.
  assert.equal(kindByName('Dockerfile.alpine'), undefined);
  assert.equal(kindOfNamedFile('Dockerfile.alpine'), 'dockerfile');
  assert.equal(kindByName('DockerfileParser.java'), undefined);
  assert.equal(kindOfNamedFile('DockerfileDetails.tsx'), undefined);
  assert.equal(kindByName('CONTAINERFILE'), 'dockerfile');
  assert.equal(kindByName('.dockerignore'), undefined);
  assert.equal(kindByName('Dockerfile.dockerignore'), undefined);
  assert.equal(kindByName('dockerfile-lint.yml'), undefined);
  assert.equal(kindByName('Dockerfile.md'), undefined);
  assert.equal(kindByName('stack.yml'), undefined);
});

test('content sniffing: a top-level services mapping, not a list (GitLab CI) and not a nested key', () => {
  assert.equal(looksLikeCompose(SERVICES), true);
  assert.equal(looksLikeCompose('# c\nservices: # the services\n\n  # web\n  web:\n    image: x\n'), true);
  assert.equal(looksLikeCompose('services: {web: {image: x}}\n'), true);
  assert.equal(looksLikeCompose('"services":\n  web: {}\n'), true);
  assert.equal(looksLikeCompose('services:\r\n  web:\r\n    image: x\r\n'), true);
  assert.equal(looksLikeCompose('image: docker\nservices:\n  - docker:dind\n'), false);
  assert.equal(looksLikeCompose('jobs:\n  services:\n    web: {}\n'), false);
  assert.equal(looksLikeCompose('services: []\n'), false);
  assert.equal(looksLikeCompose('servicesx:\n  a: 1\n'), false);
});

test('discovery: recursion, skipped folders, ignore globs, composeFiles globs, symlink loops', () => {
  const root = tree({
    'compose.yaml': SERVICES,
    'deploy/prod.yml': SERVICES,
    'deploy/stack.tpl': SERVICES,
    'deploy/values.yml': 'replicas: 2\n',
    'ci/.gitlab-ci.yml': 'services:\n  - docker:dind\n',
    'app/Containerfile': 'FROM alpine\n',
    'app/.dockerignore': 'node_modules\n',
    'app/README.md': '# Dockerfile docs\n',
    'node_modules/x/docker-compose.yml': SERVICES,
    'vendor/docker-compose.yml': SERVICES,
    'deep/a/b/c/testdata/docker-compose.yml': SERVICES,
    '.dockwarden.yaml': 'ignore:\n  - vendor\n  - testdata\ncomposeFiles:\n  - deploy/*.tpl\n',
  });
  fs.symlinkSync(root, path.join(root, 'deep/a/loop'));
  fs.symlinkSync(path.join(root, 'app'), path.join(root, 'app-link'));
  fs.symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling.yml'));
  const result = new Analysis().discover(['.'], root);
  assert.deepEqual(result.missing, []);
  assert.deepEqual(result.configErrors, []);
  assert.deepEqual(
    result.files.map((f) => `${f.display}:${f.kind}`),
    [
      'app/Containerfile:dockerfile',
      'ci/.gitlab-ci.yml:docker-run',
      'compose.yaml:compose',
      'deploy/prod.yml:compose',
      'deploy/stack.tpl:compose',
    ],
  );
});

test('discovery: explicit files, missing paths, absolute paths, and nested config files', () => {
  const root = tree({
    'a/odd.txt': SERVICES,
    'a/build.recipe': 'ARG V=1\nFROM alpine:$V\n',
    'a/notes.txt': 'hello\n',
    'b/.dockwarden.yml': 'rules:\n  privileged: off\n',
    'b/compose.yml': SERVICES,
    'c/.dockwarden.yaml': 'rulez: {}\n',
    'c/compose.yml': SERVICES,
  });
  const analysis = new Analysis();
  const r = analysis.discover(['a/odd.txt', 'a/build.recipe', 'a/notes.txt', 'nope', path.join(root, 'b')], root);
  assert.deepEqual(r.missing, ['nope']);
  assert.deepEqual(
    r.files.map((f) => [f.display, f.kind]),
    [
      ['a/odd.txt', 'compose'],
      ['a/build.recipe', 'dockerfile'],
      [path.join(root, 'b/compose.yml'), 'compose'],
    ],
  );
  assert.equal(r.files[2].config?.config.rules.privileged, 'off');
  const c = analysis.discover(['.'], root);
  assert.deepEqual(
    c.configErrors.map((e) => [path.relative(root, e.file), e.line, e.message]),
    [['c/.dockwarden.yaml', 0, "Unknown key 'rulez' (did you mean 'rules'?)"]],
  );
});

test('pathMatcher: anchored globs, folder globs and bare names at any depth', () => {
  const m = pathMatcher(['vendor/**', 'build', '*.gen.yml', './docs/']);
  assert.equal(m('vendor/a/b.yml'), true);
  assert.equal(m('vendor'), true);
  assert.equal(m('x/vendor/a.yml'), false);
  assert.equal(m('x/build/compose.yml'), true);
  assert.equal(m('a/b/c.gen.yml'), true);
  assert.equal(m('docs/compose.yml'), true);
  assert.equal(m('src/compose.yml'), false);
  assert.equal(m('../outside/build'), false);
});

test('args: defaults, values, --opt=value, -- and errors', () => {
  const d = parseArgs([], {});
  assert.deepEqual([d.command, d.paths, d.format, d.failOn, d.locale, d.fix, d.color], ['lint', ['.'], 'text', 'error', 'en', false, true]);
  const o = parseArgs(['--format=sarif', '--fail-on', 'none', '--lang', 'ja', '--no-color', 'a', '--', '--weird-name'], {});
  assert.deepEqual([o.format, o.failOn, o.locale, o.color, o.paths], ['sarif', 'none', 'ja', false, ['a', '--weird-name']]);
  assert.equal(parseArgs(['--dry-run'], {}).fix, true, '--dry-run implies --fix');
  assert.equal(parseArgs(['init', 'x'], {}).command, 'init');
  assert.equal(parseArgs([], { NO_COLOR: '1' }).color, false);
  assert.throws(() => parseArgs(['--fix=yes'], {}), UsageError);
  assert.throws(() => parseArgs(['--format'], {}), /needs a value/);
  assert.throws(() => parseArgs(['--fail-on', 'hint'], {}), /expected one of none, info, warning, error/);
  assert.throws(() => parseArgs(['-x'], {}), /Unknown option '-x'/);
});

test('locale from the environment: LC_ALL, then LC_MESSAGES, then LANG', () => {
  assert.equal(envLocale({ LANG: 'ja_JP.UTF-8' }), 'ja');
  assert.equal(envLocale({ LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' }), 'ja');
  assert.equal(envLocale({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), 'en');
  assert.equal(envLocale({ LC_ALL: '', LANG: 'ja' }), 'ja');
  assert.equal(envLocale({}), 'en');
});
