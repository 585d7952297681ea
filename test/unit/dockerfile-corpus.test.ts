/**
 * Robustness and speed of the Dockerfile parser: every Dockerfile of the real-world corpus parses and lints
 * without throwing or internal errors, and a long multi-stage Dockerfile parses quickly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseDockerfile } from '../../server/src/dockerfile/parse';
import { lintText } from '../helpers/lint';
import { corpusFiles, CORPUS_SKIP } from '../helpers/corpus';

/** The corpus's Dockerfiles by its manifest (their flattened names, `x__Dockerfile`, are no Dockerfile names). */
function dockerfiles(): string[] {
  return corpusFiles()
    .filter((f) => f.kind === 'dockerfile')
    .map((f) => f.file);
}

test('every corpus Dockerfile parses and lints without throwing or internal errors', { skip: CORPUS_SKIP }, () => {
  const files = dockerfiles();
  assert.ok(files.length > 400, `the corpus has hundreds of Dockerfiles (${files.length})`);
  let runs = 0;
  let parsedRuns = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseDockerfile(file, text);
    assert.deepEqual(parsed.problems, [], file);
    for (const c of parsed.containers) {
      // Windows stages run cmd / PowerShell: their RUNs are not parsed as POSIX shell, on purpose.
      if (c.dockerfile!.platform === 'windows') continue;
      for (const run of c.dockerfile!.allRuns) {
        runs++;
        if (run.commands.length > 0) parsedRuns++;
      }
    }
    const internal = lintText({ file, text, kind: 'dockerfile' }).findings.filter((f) => f.rule === 'internal-error');
    assert.deepEqual(internal, [], file);
  }
  // Nearly every RUN of a Linux image is valid shell.
  assert.ok(parsedRuns / runs > 0.95, `${parsedRuns} of ${runs} RUNs parsed`);
});

test('a long multi-stage Dockerfile parses in well under a second', (t) => {
  const stage = (i: number) =>
    [
      `FROM debian:bookworm-slim AS s${i}`,
      `ARG VERSION_${i}=1.${i}.0`,
      `ENV PATH=/opt/s${i}/bin:$PATH LANG=C.UTF-8`,
      'RUN set -eux; \\',
      '    apt-get update; \\',
      '    apt-get install -y --no-install-recommends ca-certificates curl gnupg dirmngr; \\',
      `    curl -fsSL "https://example.com/releases/v\${VERSION_${i}}/tool.tar.gz" -o /tmp/tool.tgz; \\`,
      '    echo "0123456789abcdef  /tmp/tool.tgz" | sha256sum -c -; \\',
      `    mkdir -p /opt/s${i} && tar -xzf /tmp/tool.tgz -C /opt/s${i} --strip-components=1; \\`,
      '    if [ "$(uname -m)" = "x86_64" ]; then ln -s /opt/lib64 /opt/lib; fi; \\',
      '    for f in a b c; do echo "$f" >> /etc/list; done; \\',
      '    rm -rf /var/lib/apt/lists/* /tmp/tool.tgz',
      `COPY --from=s${Math.max(0, i - 1)} /opt /opt`,
      'RUN <<EOF',
      'set -e',
      'useradd -r -u 10001 app',
      'EOF',
      'EXPOSE 8080',
      '',
    ].join('\n');
  const text = `${Array.from({ length: 30 }, (_, i) => stage(i)).join('\n')}USER app\nCMD ["/opt/s29/bin/tool"]\n`;
  // Warm up (loads mvdan-sh) on other scripts: parsed scripts are cached by text.
  parseDockerfile('/p/Dockerfile', text.replace(/apt-get/g, 'apt'));
  const time = () => {
    const start = process.hrtime.bigint();
    parseDockerfile('/p/Dockerfile', text);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const ms = time();
  const again = time();
  const parsed = parseDockerfile('/p/Dockerfile', text);
  assert.equal(parsed.containers[0].dockerfile!.allRuns.length, 60);
  assert.ok(parsed.containers[0].dockerfile!.allRuns.every((r) => r.commands.length > 0));
  t.diagnostic(`${text.split('\n').length} lines, 30 stages, 60 RUNs: ${ms.toFixed(1)} ms first parse, ${again.toFixed(1)} ms re-parse`);
  assert.ok(ms < 1000, `${ms} ms`);
});
