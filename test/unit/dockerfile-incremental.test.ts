/**
 * The Dockerfile typing path (a session's previous instructions reused where an edit did not touch them, RUN
 * analyses kept by their lines) must give exactly what a full, uncached lint gives: random
 * edit sequences on fixtures, corpus and generated Dockerfiles, each version linted both ways and compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintParsed } from '../../shared-rules/src/engine';
import type { Finding } from '../../shared-rules/src/rule';
import { analysisFor, lintText } from '../helpers/lint';
import { parseDockerfile } from '../../server/src/dockerfile/parse';
import { parseInstructions, type InstructionsMemo } from '../../server/src/dockerfile/instructions';
import { RunCache } from '../../server/src/dockerfile/run-cache';
import { CORPUS_DIR } from '../helpers/corpus';
import { firstArgumentOffset } from '../../server/src/dockerfile/run';
import { LineIndex } from '../../server/src/shell/text';

const CORPUS = CORPUS_DIR;
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/dockerfile');

/** A long multi-stage Dockerfile like the benchmark's (bench/generate.ts is outside the test project). */
function generateLongDockerfile(stages: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:12.5-slim'];
  for (let s = 0; s < stages; s++) {
    out.push(`FROM \${BASE} AS stage${s}`, 'ENV DEBIAN_FRONTEND=noninteractive');
    for (let r = 0; r < 8; r++) {
      out.push(
        'RUN apt-get update \\',
        `    && apt-get install -y --no-install-recommends ca-certificates curl pkg${s}-${r} \\`,
        `    && curl -fsSL https://example.com/tool${r}.tar.gz -o /tmp/t${r}.tgz \\`,
        `    && tar -xzf /tmp/t${r}.tgz -C /opt && rm -rf /var/lib/apt/lists/*`,
      );
    }
    if (s > 0) out.push(`COPY --from=stage${s - 1} /opt /opt`);
  }
  out.push('USER 10001', 'CMD ["/opt/app"]');
  return out.join('\n') + '\n';
}

function sources(): { name: string; text: string }[] {
  const out = fs.readdirSync(FIXTURES).map((f) => ({ name: f, text: fs.readFileSync(path.join(FIXTURES, f), 'utf8') }));
  out.push({ name: 'generated', text: generateLongDockerfile(3) });
  out.push({
    name: 'escape',
    text: '# escape=`\nFROM debian:12 AS b\nRUN apt-get update `\n  && sudo apt-get install -y curl\nUSER root\n',
  });
  out.push({ name: 'heredoc', text: 'FROM alpine:3\nRUN <<EOF\ncurl -k https://x | sh\nEOF\nENV A=1\nRUN echo $A\n' });
  const manifest = path.join(CORPUS, 'MANIFEST.tsv');
  if (fs.existsSync(manifest)) {
    const files = fs
      .readFileSync(manifest, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .filter((c) => c[4] === 'dockerfile')
      .map((c) => path.join(CORPUS, c[10]));
    // Every 12th file, and the longest few (most instructions to reuse).
    const bySize = [...files].sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
    for (const f of new Set([...files.filter((_, i) => i % 12 === 0), ...bySize.slice(0, 4)])) {
      out.push({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') });
    }
  }
  return out;
}

/** What users type: characters that change how a line continues or is read, and whole instructions. */
const snippets = [
  'RUN sudo apt-get install -y curl',
  'RUN curl -k https://get.example.com/i.sh | sh',
  'RUN apt-get update && \\',
  '  && curl http://x.example/a -o /a \\',
  'RUN <<EOF',
  'EOF',
  'RUN ["sh", "-c", "wget --no-check-certificate https://x"]',
  'FROM ubuntu:latest AS build',
  'FROM build',
  'ARG TAG=1.0',
  'ENV PASSWORD=hunter2',
  'USER root',
  'USER 10001',
  'EXPOSE 22',
  'ADD http://x.example/a.tgz /a',
  'SHELL ["pwsh", "-c"]',
  '# dockwarden-ignore sudo-in-run',
  '# a comment',
  '',
  'ONBUILD RUN sudo x',
];

type Edit = { kind: 'insert' | 'replace' | 'delete' | 'type' | 'erase'; at: number; col: number; snippet: number; chars: string };

const edit = fc.record({
  kind: fc.constantFrom<Edit['kind']>('insert', 'replace', 'delete', 'type', 'type', 'type', 'erase'),
  at: fc.nat(),
  col: fc.nat(),
  snippet: fc.nat(snippets.length - 1),
  chars: fc.constantFrom('#', 'x', ' ', '\\', '"', '$', '[', '-k ', 'sudo ', '<<EOF', '`', '\t', '\n'),
});

function apply(text: string, e: Edit): string {
  const lines = text.split('\n');
  const at = e.at % lines.length;
  const col = e.col % (lines[at].length + 1);
  if (e.kind === 'insert') lines.splice(at, 0, snippets[e.snippet]);
  else if (e.kind === 'replace') lines[at] = snippets[e.snippet];
  else if (e.kind === 'delete') lines.splice(at, 1);
  else if (e.kind === 'type') lines[at] = lines[at].slice(0, col) + e.chars + lines[at].slice(col);
  else lines[at] = lines[at].slice(0, col) + lines[at].slice(col + 1);
  return lines.join('\n');
}

/** The reference: a full parse, nothing cached or reused. */
function reference(file: string, text: string) {
  return lintParsed([parseDockerfile(file, text)]);
}

/** An editor session on one Dockerfile: each lint may reuse the previous version's instructions and RUNs. */
function session(): (file: string, text: string) => Finding[] {
  const analysis = analysisFor({});
  return (file, text) => analysis.lint(file, { text, kind: 'dockerfile', overrides: { profile: 'strict' }, session: file }).findings;
}

test('the Dockerfile typing path equals a full, uncached lint after every random edit', { timeout: 600_000 }, () => {
  const all = sources();
  let reused = 0;
  let versions = 0;
  let run = 0;
  fc.assert(
    fc.property(fc.nat(all.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (which, edits) => {
      const file = `/work/p${run++ % 20}/Dockerfile`;
      const probe: InstructionsMemo = {};
      const typed = session();
      let text = all[which].text;
      assert.deepStrictEqual(typed(file, text), reference(file, text));
      let before = parseInstructions(text, probe).instructions;
      for (const e of edits) {
        text = apply(text, e);
        const fast = typed(file, text);
        const full = reference(file, text);
        assert.deepStrictEqual(fast, full, `${all[which].name} after ${JSON.stringify(e)}:\n${text}`);
        assert.deepStrictEqual(lintText({ file, text }).findings, full);
        const after = parseInstructions(text, probe).instructions;
        if (after.some((ins) => before.includes(ins))) reused++;
        before = after;
        versions++;
      }
    }),
    { numRuns: 300 },
  );
  // The property is only worth something if instructions were actually reused on many of the versions.
  assert.ok(reused > versions / 4, `instructions reused on ${reused} of ${versions} versions`);
});

test('a one-character edit reuses the instructions it did not touch', () => {
  const file = '/work/one/Dockerfile';
  const text = generateLongDockerfile(12);
  const memo: InstructionsMemo = {};
  const first = parseInstructions(text, memo).instructions;
  const at = text.indexOf('pkg5-3');
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const second = parseInstructions(edited, memo).instructions;
  assert.equal(second.length, first.length);
  assert.equal(second.filter((ins, i) => ins === first[i]).length, first.length - 1);
  const typed = session();
  typed(file, text);
  assert.deepStrictEqual(typed(file, edited), reference(file, edited));
});

/** A copy without methods (a copy's closures are other functions), cycles kept. */
function withoutFunctions(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'function') (out as Record<string, unknown>)[k] = withoutFunctions(v, seen);
  return out;
}

test('a RUN moved by a line typed above it reuses its analysis, shifted to where it is now', () => {
  const file = '/work/moved/Dockerfile';
  const text =
    'FROM debian:12\nRUN curl -k https://x.example/i.sh | sudo sh -c "wget http://y && tar x" && echo $(curl http://z)\nUSER root\n';
  const runs = new RunCache();
  const memo: InstructionsMemo = {};
  parseDockerfile(file, text, { memo, runs });
  const moved = parseDockerfile(file, text.replace('FROM debian:12\n', 'FROM debian:12\n\n# two lines\n'), { memo, runs });
  const fresh = parseDockerfile(file, text.replace('FROM debian:12\n', 'FROM debian:12\n\n# two lines\n'));
  const [a] = moved.containers[0].dockerfile!.runs;
  const [b] = fresh.containers[0].dockerfile!.runs;
  assert.equal(a.source.range.start.line, 3);
  assert.deepStrictEqual(withoutFunctions(a), withoutFunctions(b));
  // The lazy parts too: the ranges and edits they give are the moved RUN's.
  for (let i = 0; i < a.commands.length; i++) {
    assert.deepStrictEqual(a.commands[i].removeWords?.(0, 0), b.commands[i].removeWords?.(0, 0));
    assert.deepStrictEqual(a.commands[i].words[0].rangeOf?.(0, 2), b.commands[i].words[0].rangeOf?.(0, 2));
    assert.equal(a.commands[i].pipeline.indexOf(a.commands[i]), a.commands[i].pipelineIndex);
  }
  assert.ok(a.commands.length >= 4, `${a.commands.length} commands`);
  // A substitution's consumer is one of the copied commands, not the cached original.
  const inner = a.commands.find((c) => c.substitution);
  assert.ok(inner && a.commands.includes(inner.substitution!.parent));
});

test('a continuation typed at the end of an instruction swallows the next one, as in a full parse', () => {
  const file = '/work/cont/Dockerfile';
  const text = 'FROM debian:12\nRUN echo a\nRUN sudo b\nUSER 1000\n';
  const typed = session();
  typed(file, text);
  const edited = text.replace('RUN echo a', 'RUN echo \\');
  assert.deepStrictEqual(typed(file, edited), reference(file, edited));
  assert.equal(parseInstructions(edited).instructions.length, 3);
});

test('firstArgumentOffset finds where dockerfile-ast puts the first argument', () => {
  const texts = sources().map((s) => s.text);
  const pieces = ['RUN', ' ', '\t', '\\', '\n', '\r\n', '#', 'a', '$', '`', '"x y"', '--mount=type=cache', '# c\n'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), fc.boolean(), (parts, backtick) => {
      texts.push(`${backtick ? '# escape=`\n' : ''}FROM a\nRUN ${parts.join('')}\nRUN${parts.join('')}\n`);
    }),
    { numRuns: 300 },
  );
  let compared = 0;
  for (const text of texts) {
    const index = new LineIndex(text);
    const { escape, instructions } = parseInstructions(text);
    for (const ins of instructions) {
      if (ins.getKeyword() !== 'RUN') continue; // shellScript's only caller
      const expected = ins.getArgumentsRange();
      const found = firstArgumentOffset(text, index.offsetAt(ins.getInstructionRange().end), index.offsetAt(ins.getRange().end), escape);
      // With flags, dockerfile-ast's arguments start after them; shellScript asks it then.
      if ((ins as { getFlags?(): unknown[] }).getFlags?.().length) continue;
      assert.deepStrictEqual(
        found === undefined ? null : index.positionAt(found),
        expected && expected.start,
        JSON.stringify(ins.getTextContent()),
      );
      compared++;
    }
  }
  // The generated texts alone give about 430 (a fresh clone has no corpus); the corpus adds its RUNs.
  assert.ok(compared > 300, `${compared} instructions compared`);
});
