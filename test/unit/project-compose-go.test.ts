/**
 * The Compose maintainers' own loader fixtures (compose-spec/compose-go, in the real-world corpus), laid out
 * again as folders in a temporary directory, go through the project loader as Compose would read them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintProject } from '../helpers/lint';
import { loadComposeProject } from '../../server/src/project/project';

const readOrUndefined = (f: string) => (fs.existsSync(f) && fs.statSync(f).isFile() ? fs.readFileSync(f, 'utf8') : undefined);
import { CORPUS_DIR, CORPUS_SKIP } from '../helpers/corpus';

const source = path.join(CORPUS_DIR, 'compose-spec__compose-go');

/** `loader__testdata__extends__base.yaml` → `<tmp>/loader/testdata/extends/base.yaml`. */
function layOut(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-compose-go-'));
  for (const name of fs.readdirSync(source)) {
    const target = path.join(root, ...name.split('__'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(source, name), target);
  }
  return root;
}

const skip = CORPUS_SKIP || (fs.existsSync(source) ? false : `compose-go fixtures not found at ${source}`);

test('compose-go loader fixtures: extends, include and cycles', { skip }, () => {
  const root = layOut();
  const testdata = path.join(root, 'loader', 'testdata');
  const lint = (rel: string) => {
    const file = path.join(testdata, rel);
    const text = fs.readFileSync(file, 'utf8');
    const project = loadComposeProject(file, { files: { readText: (f) => (f === file ? text : readOrUndefined(f)) } });
    return { findings: lintProject({ file, text, files: 'disk' }), project };
  };

  // extends from a file in a subdirectory: the imported service's sensitive-looking mount and unpinned image
  // are reported in the imported file, naming the extending service.
  const ext = lint('compose-test-extends.yaml');
  const unpinned = ext.findings.find((f) => f.rule === 'image-unpinned');
  assert.ok(unpinned, ext.findings.map((f) => f.rule).join(' '));
  assert.equal(path.basename(unpinned.at.file), 'compose-test-extends-imported.yaml');
  assert.ok(unpinned.related?.some((r) => /importer/.test(r.message)));

  // include of a file that extends; the included services join the project.
  const inc = lint('compose-include.yaml');
  assert.ok(inc.project.composeFiles.some((f) => f.endsWith(path.join('subdir', 'compose-test-extends-imported.yaml'))));
  assert.ok(inc.findings.some((f) => f.container === 'imported'));

  // An include cycle ends (bounded), each file once.
  const cycle = lint('compose-include-cycle.yaml');
  assert.equal(cycle.project.composeFiles.length, 1);

  // `extends: { service: init }` with `!reset`: the image written in `init` is reported once, naming `base`.
  const reset = lint('extends/reset.yaml');
  const latest = reset.findings.filter((f) => f.rule === 'image-unpinned');
  assert.equal(latest.length, 1);
  assert.ok(latest[0].related?.some((r) => /base/.test(r.message)));

  // Nested extends from a sibling file that only builds: nothing to say about an image.
  const nested = lint('extends/nested.yaml');
  assert.ok(!nested.findings.some((f) => f.rule === 'image-unpinned' || f.rule === 'parse-error'));
});

test('every compose-go fixture loads as a project without a crash', { skip }, () => {
  const root = layOut();
  let files = 0;
  for (const dir of [path.join(root, 'loader', 'testdata'), path.join(root, 'cli', 'testdata')]) {
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const file of walk(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const r = { findings: lintProject({ file, text: fs.readFileSync(file, 'utf8'), files: 'disk' }) };
      assert.ok(
        !r.findings.some((f) => f.rule === 'internal-error'),
        `${file}: ${r.findings.find((f) => f.rule === 'internal-error')?.message}`,
      );
      files++;
    }
  }
  assert.ok(files > 30, `${files} files`);
});
