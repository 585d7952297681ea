import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../shared-rules/src/rules';
import { engineRules } from '../../shared-rules/src/meta';
import { lintText } from '../helpers/lint';
import { parseCommandLineFile } from '../../server/src/docker-run';
import { lintParsed } from '../../shared-rules/src/engine';

// Compiled to out/test/unit: the repository root is three levels up.
const root = path.resolve(__dirname, '../../..');
const docs = path.join(root, 'docs', 'rules');
const ids = [...allRules.map((r) => r.id), ...engineRules.map((r) => r.id)];
const titles = new Map<string, string>([...allRules, ...engineRules].map((r) => [r.id, r.title]));

const read = (file: string) => fs.readFileSync(file, 'utf8');
const exists = (file: string) => fs.existsSync(file);

interface Block {
  lang: string;
  code: string;
  /** The `## ` heading the block is under. */
  section: string;
}

/** Fenced code blocks with the section they belong to. */
function codeBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  let section = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.*)$/.exec(lines[i]);
    if (heading) section = heading[1].trim();
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    out.push({ lang: fence[1], code: body.join('\n') + '\n', section });
  }
  return out;
}

test('every rule id has an English and a Japanese page whose title line names the id', () => {
  const problems: string[] = [];
  for (const id of ids) {
    for (const file of [path.join(docs, `${id}.md`), path.join(docs, 'ja', `${id}.md`)]) {
      if (!exists(file)) {
        problems.push(`missing ${path.relative(root, file)}`);
        continue;
      }
      const first = read(file).split('\n')[0];
      if (!first.startsWith(`# ${id}: `)) problems.push(`${path.relative(root, file)}: title line is "${first}"`);
    }
  }
  assert.deepEqual(problems, []);
});

test('English page titles match the rule titles in shared-rules', () => {
  const problems: string[] = [];
  for (const id of ids) {
    const file = path.join(docs, `${id}.md`);
    if (!exists(file)) continue;
    const first = read(file).split('\n')[0];
    if (first !== `# ${id}: ${titles.get(id)}`) problems.push(`${id}: "${first}" vs "${titles.get(id)}"`);
  }
  assert.deepEqual(problems, []);
});

test('no page documents a rule id that does not exist', () => {
  const pages = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.slice(0, -3));
  assert.deepEqual(
    pages(docs).filter((id) => !ids.includes(id)),
    [],
  );
  assert.deepEqual(
    pages(path.join(docs, 'ja')).filter((id) => !ids.includes(id)),
    [],
  );
});

test('Japanese pages keep the English code blocks unchanged', () => {
  const problems: string[] = [];
  for (const id of ids) {
    const en = path.join(docs, `${id}.md`);
    const ja = path.join(docs, 'ja', `${id}.md`);
    if (!exists(en) || !exists(ja)) continue;
    const a = codeBlocks(read(en)).map((b) => b.code);
    const b = codeBlocks(read(ja)).map((b) => b.code);
    if (a.join('\u0000') !== b.join('\u0000')) problems.push(id);
  }
  assert.deepEqual(problems, []);
});

test('README.md and docs/rules/README.md link every rule page', () => {
  const readme = read(path.join(root, 'README.md'));
  const index = read(path.join(docs, 'README.md'));
  const missing: string[] = [];
  for (const id of ids) {
    if (!readme.includes(`(docs/rules/${id}.md)`)) missing.push(`README.md: ${id}`);
    if (!index.includes(`(${id}.md)`)) missing.push(`docs/rules/README.md: ${id}`);
  }
  assert.deepEqual(missing, []);
});

// --- The examples on each page behave as the page says. ---

/** Settings the pages of rules that need configuration state in their text. */
const SETTINGS: Record<string, { trustedRegistries: string[] }> = {
  'untrusted-registry': { trustedRegistries: ['docker.io/library', 'ghcr.io/acme'] },
  'network-none-suggested': { trustedRegistries: ['docker.io/library', 'ghcr.io/acme'] },
};

/** Rules still generated as stubs (one message equal to the title) have nothing to check yet. */
function lintBlock(id: string, block: Block) {
  const kind = block.lang === 'dockerfile' ? 'dockerfile' : 'compose';
  const file = kind === 'dockerfile' ? '/docs-example/Dockerfile' : '/docs-example/compose.yaml';
  const settings = SETTINGS[id] ?? {};
  return lintText({ file, text: block.code, kind, options: { settings } }).findings;
}

/** A code block that is a whole file the linter can read (not a shell command or a config snippet). */
function isLintable(block: Block): boolean {
  if (block.lang === 'yaml') return /^services:/m.test(block.code);
  return block.lang === 'dockerfile' && /^FROM /m.test(block.code);
}

const BAD = ['Bad'];
const GOOD = ['Good'];
const SUPPRESS = ['Suppress'];

test('Bad examples trigger their rule, Good and Suppress examples do not', () => {
  const problems: string[] = [];
  let checked = 0;
  let dockerfileExamples = 0;
  for (const id of ids) {
    const file = path.join(docs, `${id}.md`);
    if (!exists(file)) continue;
    for (const block of codeBlocks(read(file)).filter(isLintable)) {
      if (block.lang === 'dockerfile') dockerfileExamples++;
      const findings = lintBlock(id, block);
      const fired = findings.some((f) => f.rule === id);
      const unused = findings.filter((f) => f.rule === 'unused-suppression' && id !== 'unused-suppression');
      if (BAD.includes(block.section)) {
        checked++;
        if (!fired) problems.push(`${id}: a Bad example does not trigger it`);
      } else if (GOOD.includes(block.section) || SUPPRESS.includes(block.section)) {
        checked++;
        if (fired) problems.push(`${id}: a ${block.section} example triggers it`);
        if (unused.length > 0) problems.push(`${id}: a ${block.section} example has an unused suppression`);
      }
    }
  }
  assert.ok(checked > 60, `only ${checked} examples were checked`);
  assert.ok(dockerfileExamples > 10, `only ${dockerfileExamples} Dockerfile examples`);
  assert.deepEqual(problems, []);
});

test('the docker run and script examples of the rule pages trigger their rule', () => {
  const problems: string[] = [];
  let checked = 0;
  for (const id of ids) {
    const file = path.join(docs, `${id}.md`);
    if (!exists(file)) continue;
    for (const block of codeBlocks(read(file))) {
      if (block.lang !== 'sh' || (block.section !== 'docker run' && block.section !== 'Scripts and CI steps')) continue;
      checked++;
      const parsed = parseCommandLineFile('/docs-example/example.sh', block.code);
      const findings = parsed ? lintParsed([parsed], { settings: SETTINGS[id] ?? {} }) : [];
      if (!findings.some((f) => f.rule === id)) problems.push(`${id}: the ${block.section} example does not trigger it`);
    }
  }
  assert.ok(checked >= 30, `only ${checked} examples were checked`);
  assert.deepEqual(problems, []);
});

test('every source page has a Japanese page with the same code blocks, and its examples report what it says', () => {
  const dir = path.join(root, 'docs', 'sources');
  const problems: string[] = [];
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));
  assert.ok(pages.length >= 6, 'the overview and a page per source');
  const as: Record<string, string> = {
    'shell-scripts.md': '/docs-example/example.sh',
    'makefiles.md': '/docs-example/Makefile',
    'github-actions.md': '/docs-example/.github/workflows/ci.yml',
    'gitlab-ci.md': '/docs-example/.gitlab-ci.yml',
    'markdown.md': '/docs-example/README.md',
  };
  const expected: Record<string, string[]> = {
    'shell-scripts.md': ['docker-socket-mount', 'port-all-interfaces', 'pids-limit-missing'],
    'makefiles.md': ['docker-socket-mount', 'port-all-interfaces'],
    'github-actions.md': ['privileged', 'docker-socket-mount'],
    'gitlab-ci.md': ['docker-socket-mount'],
    'markdown.md': ['port-all-interfaces'],
  };
  for (const page of pages) {
    const ja = path.join(dir, 'ja', page);
    if (!exists(ja)) {
      problems.push(`missing docs/sources/ja/${page}`);
      continue;
    }
    const en = codeBlocks(read(path.join(dir, page))).map((b) => b.code);
    if (
      en.join('\u0000') !==
      codeBlocks(read(ja))
        .map((b) => b.code)
        .join('\u0000')
    )
      problems.push(`${page}: Japanese code blocks differ`);
    const file = as[page];
    if (!file) continue;
    const text =
      page === 'markdown.md'
        ? read(path.join(dir, page)).split('````markdown\n')[1].split('````')[0]
        : codeBlocks(read(path.join(dir, page)))[0].code;
    const parsed = parseCommandLineFile(file, text, { markdown: true });
    const found = parsed ? lintParsed([parsed]).map((f) => f.rule) : [];
    for (const rule of expected[page]) if (!found.includes(rule)) problems.push(`${page}: the example does not report ${rule}`);
    if (found.includes('unused-suppression') || found.includes('privileged') !== expected[page].includes('privileged')) {
      problems.push(`${page}: unexpected findings ${found.join(', ')}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every fixable rule page says in its Fix section whether the fix is safe, as the rule classifies it (EN and JA)', () => {
  const problems: string[] = [];
  const section = (markdown: string, heading: string) => {
    const start = markdown.indexOf(`\n## ${heading}\n`);
    if (start < 0) return '';
    const end = markdown.indexOf('\n## ', start + 1);
    return markdown.slice(start, end < 0 ? undefined : end);
  };
  for (const rule of allRules) {
    const en = path.join(docs, `${rule.id}.md`);
    const ja = path.join(docs, 'ja', `${rule.id}.md`);
    if (!exists(en) || !exists(ja)) continue;
    const enFix = section(read(en), 'Fix');
    const jaFix = section(read(ja), '修正');
    const safety = rule.fixSafety?.safety;
    if (!safety) {
      if (/Fix safety:/.test(read(en)) || /修正の安全性:/.test(read(ja))) problems.push(`${rule.id}: no fix, but a fix-safety line`);
      continue;
    }
    if (!enFix.includes(`**Fix safety:** ${safety} — `))
      problems.push(`${rule.id}: the English Fix section does not say "Fix safety: ${safety}"`);
    if (!jaFix.includes(`**修正の安全性:** ${safety}`))
      problems.push(`${rule.id}: the Japanese 修正 section does not say "修正の安全性: ${safety}"`);
  }
  assert.deepEqual(problems, []);
});
/** Rules that read devcontainer.json: their origin list, and the RUN rules through the lifecycle commands. */
const DEVCONTAINER_RULES = [
  ...allRules.filter((r) => r.appliesTo.includes('devcontainer')).map((r) => r.id),
  'remote-script-piped-to-shell',
  'insecure-download',
  'tls-verification-disabled',
];

test('every rule that reads devcontainer.json has a Dev Containers section (EN, JA) whose example triggers it', () => {
  const problems: string[] = [];
  const unique = [...new Set(DEVCONTAINER_RULES)];
  assert.ok(unique.length >= 30, `${unique.length} rules`);
  for (const id of unique) {
    const en = read(path.join(docs, `${id}.md`));
    const ja = read(path.join(docs, 'ja', `${id}.md`));
    if (!/^## Dev Containers$/m.test(ja)) problems.push(`ja/${id}.md: no Dev Containers section`);
    if (!/Dev Containers/.test(en.split('\n')[2] ?? '')) problems.push(`${id}.md: the Applies to line does not name Dev Containers`);
    const blocks = codeBlocks(en).filter((b) => b.section === 'Dev Containers' && b.lang === 'jsonc');
    if (blocks.length === 0) problems.push(`${id}.md: no jsonc example in a Dev Containers section`);
    for (const block of blocks) {
      const file = '/docs-example/.devcontainer/devcontainer.json';
      const findings = lintText({ file, text: block.code, options: { settings: SETTINGS[id] ?? {} } }).findings;
      if (!findings.some((f) => f.rule === id)) problems.push(`${id}: the Dev Containers example does not trigger it`);
      if (findings.some((f) => f.rule === 'parse-error')) problems.push(`${id}: the Dev Containers example does not parse`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the Dev Containers source page example reports what the page says', () => {
  const page = read(path.join(root, 'docs', 'sources', 'devcontainer.md'));
  const [example] = codeBlocks(page).filter((b) => b.lang === 'jsonc');
  const found = lintText({ file: '/docs-example/.devcontainer/devcontainer.json', text: example.code }).findings;
  const rules = found.map((f) => f.rule);
  for (const rule of ['privileged', 'host-network', 'docker-socket-mount', 'sensitive-host-mount', 'remote-script-piped-to-shell']) {
    assert.ok(rules.includes(rule), rule);
  }
  assert.equal(rules.filter((r) => r === 'privileged').length, 2, 'the key and the docker-in-docker feature');
  assert.ok(!rules.includes('port-all-interfaces'), 'forwardPorts publishes nothing');
  assert.match(found.find((f) => f.rule === 'remote-script-piped-to-shell')!.message, /runs on the host/);
});
