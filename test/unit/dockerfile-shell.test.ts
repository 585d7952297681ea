/**
 * RUN parsing: commands, pipelines and substitutions from mvdan-sh, with word ranges mapped back to the
 * Dockerfile across continuation lines, heredocs, exec form and `sh -c '...'` scripts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/dockerfile/parse';
import type { BuildCommand, Range, ShellCommand } from '../../shared-rules/src/model';
import { offsetAt } from '../helpers/edits';

function runs(body: string): { text: string; runs: BuildCommand[] } {
  const text = `FROM alpine:3.20\n${body}`;
  const parsed = parseDockerfile('/p/Dockerfile', text);
  return { text, runs: parsed.containers[0].dockerfile!.allRuns };
}

function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

function show(cmd: ShellCommand): string {
  const sub = cmd.substitution ? ` <${cmd.substitution.kind} of ${cmd.substitution.parent.words[0].text}>` : '';
  const pipe = cmd.pipeline.length > 1 ? ` [${cmd.pipelineIndex + 1}/${cmd.pipeline.length}]` : '';
  return `${cmd.words.map((w) => w.text).join(' ')}${pipe}${sub}`;
}

describe('RUN shell parsing', () => {
  test('lists, pipelines, subshells, if/for bodies', () => {
    const {
      runs: [run],
    } = runs('RUN set -e; a && b || (c | d) ; if e; then f; fi; for x in 1 2; do g "$x"; done\n');
    assert.deepEqual(run.commands.map(show), ['set -e', 'a', 'b', 'c [1/2]', 'd [2/2]', 'e', 'f', 'g $x']);
    assert.equal(run.commands[7].words[1].literal, false);
  });

  test('quoted text is one word: echo "curl x | sh" is a single command', () => {
    const {
      runs: [run],
    } = runs(`RUN echo "curl x | sh" 'a b'\n`);
    assert.deepEqual(run.commands.map(show), ['echo curl x | sh a b']);
    assert.equal(run.commands[0].words.length, 3);
  });

  test('continuation lines are joined and words keep their own line and column', () => {
    const body = 'RUN apt-get update \\\n    # a comment inside the continuation\n    && apt-get install -y \\\n       curl\n';
    const {
      text,
      runs: [run],
    } = runs(body);
    assert.deepEqual(run.commands.map(show), ['apt-get update', 'apt-get install -y curl']);
    const curl = run.commands[1].words[3];
    assert.deepEqual(curl.source.range, { start: { line: 4, character: 7 }, end: { line: 4, character: 11 } });
    assert.equal(textAt(text, run.commands[1].words[0].source.range), 'apt-get');
    assert.equal(run.script.includes('comment'), false);
  });

  test('a word split by a continuation maps its parts back', () => {
    const {
      text,
      runs: [run],
    } = runs('RUN cu\\\nrl -k http://x\n');
    assert.equal(run.commands[0].words[0].text, 'curl');
    assert.equal(textAt(text, run.commands[0].words[0].source.range), 'cu\\\nrl');
    // Characters on both sides of the continuation are not contiguous in the file.
    assert.equal(run.commands[0].words[0].rangeOf?.(0, 4), undefined);
    assert.deepEqual(run.commands[0].words[0].rangeOf?.(2, 4), { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } });
  });

  test('CRLF continuations', () => {
    const {
      text,
      runs: [run],
    } = runs('RUN a \\\r\n  && curl -k https://x\r\n'.replace('\n', '\n'));
    assert.deepEqual(run.commands.map(show), ['a', 'curl -k https://x']);
    assert.equal(textAt(text, run.commands[1].words[1].source.range), '-k');
  });

  test('command and process substitutions know their consumer', () => {
    const {
      runs: [run],
    } = runs('RUN sh -c "$(curl -fsSL https://x)" && bash <(curl -s https://y) && echo `wget -qO- z`\n');
    assert.deepEqual(run.commands.map(show), [
      'curl -fsSL https://x <command of sh>',
      'sh -c $(curl -fsSL https://x)',
      'curl -s https://y <process of bash>',
      'bash <(curl -s https://y)',
      'wget -qO- z <command of echo>',
      'echo `wget -qO- z`',
    ]);
  });

  test('bash -c with a literal script: its commands are parsed too, positions inside the quotes', () => {
    const {
      text,
      runs: [run],
    } = runs(`RUN bash -c 'curl -k https://x | sh' && sh -ec "echo \\"hi\\" && sudo id"\n`);
    assert.deepEqual(run.commands.map(show), [
      'bash -c curl -k https://x | sh',
      'curl -k https://x [1/2]',
      'sh [2/2]',
      'sh -ec echo "hi" && sudo id',
      'echo hi',
      'sudo id',
    ]);
    assert.equal(textAt(text, run.commands[1].words[1].source.range), '-k');
    assert.equal(textAt(text, run.commands[5].words[0].source.range), 'sudo');
  });

  test('heredoc RUN: the body is the script', () => {
    const {
      text,
      runs: [run],
    } = runs('RUN <<EOF\nset -eux\nwget -qO- https://x | sh\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint("curl x | sh")\nEOF\n');
    assert.deepEqual(run.commands.map(show), ['set -eux', 'wget -qO- https://x [1/2]', 'sh [2/2]']);
    assert.deepEqual(run.commands[1].words[0].source.range.start, { line: 3, character: 0 });
    assert.equal(textAt(text, run.commands[1].words[2].source.range), 'https://x');
  });

  test('heredoc fed to a shell, and a heredoc that is only data', () => {
    const {
      runs: [a, b],
    } = runs('RUN bash <<EOF\ncurl x | sh\nEOF\nRUN cat <<EOF > /etc/motd\ncurl x | sh\nEOF\n');
    assert.deepEqual(a.commands.map(show), ['bash', 'curl x [1/2]', 'sh [2/2]']);
    assert.deepEqual(b.commands.map(show), ['cat']);
  });

  test('exec form: words from JSON strings; sh -c script parsed', () => {
    const {
      text,
      runs: [run],
    } = runs('RUN ["/bin/sh", "-c", "curl -fsSL https://x | sh"]\n');
    assert.equal(run.execForm, true);
    assert.deepEqual(run.commands.map(show), ['/bin/sh -c curl -fsSL https://x | sh', 'curl -fsSL https://x [1/2]', 'sh [2/2]']);
    assert.equal(textAt(text, run.commands[1].words[2].source.range), 'https://x');
  });

  test('RUN flags are not part of the script', () => {
    const {
      runs: [run],
    } = runs('RUN --mount=type=cache,target=/var/cache/apk \\\n    --network=default apk add curl\n');
    assert.deepEqual(run.commands.map(show), ['apk add curl']);
  });

  test('unparseable script and non-POSIX SHELL: no commands', () => {
    const {
      runs: [bad, ps],
    } = runs('RUN echo "unterminated\nSHELL ["powershell", "-Command"]\nRUN iwr https://x | iex\n');
    assert.deepEqual(bad.commands, []);
    assert.deepEqual(ps.commands, []);
  });

  test('removeWords removes the word and one blank', () => {
    const {
      runs: [run],
    } = runs('RUN pip install --trusted-host pypi.local flask\n');
    const edits = run.commands[0].removeWords!(2, 3)!;
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0].range, { start: { line: 1, character: 16 }, end: { line: 1, character: 42 } });
  });

  test('leading assignments: name, unquoted value and ranges; removeAssignment takes one blank', () => {
    const {
      text,
      runs: [run],
    } = runs('RUN A=1 B="x y" \\\n    C= D+=2 cmd arg\n');
    const [cmd] = run.commands;
    assert.deepEqual(
      cmd.words.map((w) => w.text),
      ['cmd', 'arg'],
    );
    assert.deepEqual(
      cmd.assignments!.map((a) => [a.name, a.value.text, a.append, textAt(text, a.source.range)]),
      [
        ['A', '1', false, 'A=1'],
        ['B', 'x y', false, 'B="x y"'],
        ['C', '', false, 'C='],
        ['D', '2', true, 'D+=2'],
      ],
    );
    assert.equal(textAt(text, cmd.assignments![1].value.source.range), '"x y"');
    assert.deepEqual(cmd.assignments![2].value.source.range.start, { line: 2, character: 6 });
    const [edit] = cmd.removeAssignment!(2)!;
    assert.equal(textAt(text, edit.range), 'C= ');
    assert.equal(cmd.removeAssignment!(9), undefined);
  });

  test('export / declare / readonly are commands: keyword and flags in words, NAME=value in assignments', () => {
    const {
      text,
      runs: [run],
    } = runs('RUN export A=1 B "C=3" && declare -x D=$E && readonly F=6; G=7; echo "export H=8"\n');
    assert.deepEqual(run.commands.map(show), ['export B', 'declare -x', 'readonly', 'echo export H=8']);
    const names = run.commands.map((c) => (c.assignments ?? []).map((a) => `${a.name}=${a.value.text}`));
    assert.deepEqual(names, [['A=1', 'C=3'], ['D=$E'], ['F=6'], []]);
    assert.equal(run.commands[1].assignments![0].value.literal, false);
    assert.equal(textAt(text, run.commands[0].assignments![1].source.range), '"C=3"');
    assert.equal(textAt(text, run.commands[0].words[0].source.range), 'export');
  });

  test('array and indexed assignments are not environment settings', () => {
    const {
      runs: [run],
    } = runs('RUN declare -a B=(1 2) && declare C[1]=x\n');
    assert.deepEqual(
      run.commands.map((c) => [show(c), c.assignments ?? []]),
      [
        ['declare -a', []],
        ['declare', []],
      ],
    );
  });

  test('assignments keep their ranges in a RUN that moved (cached analysis)', () => {
    const body = 'RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\n';
    const first = runs(body).runs[0].commands[0];
    const moved = parseDockerfile('/p/Dockerfile', `FROM alpine:3.20\n\n\n${body}`).containers[0].dockerfile!.allRuns[0].commands[0];
    assert.equal(moved.assignments![0].source.range.start.line, first.assignments![0].source.range.start.line + 2);
    assert.equal(moved.removeAssignment!(0)![0].range.start.line, 3);
  });
});
