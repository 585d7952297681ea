import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Analysis, textBytes } from '../../server/src/analysis';
import { parseDevcontainer } from '../../server/src/devcontainer/parse';
import { dc, DC, filesOf, of } from './devcontainer-util';

/** Never a crash: a finding (parse-error, file-too-large) or nothing, and no internal error. */
function survives(text: string): ReturnType<typeof dc> {
  const found = dc(text);
  assert.deepEqual(of(found, 'internal-error'), [], JSON.stringify(text.slice(0, 200)));
  return found;
}

test('trailing commas and comments everywhere are JSON with comments: read as usual', () => {
  const text = `/* head */ { // open
  /* k */ "image" /* c */ : /* v */ "node:20" /* after */ , // line
  "runArgs": [ /* a */ "--privileged" /* b */ , ] , // trailing
  // last
} // tail
/* end */`;
  assert.deepEqual(
    survives(text)
      .map((f) => f.rule)
      .filter((r) => r === 'privileged'),
    ['privileged'],
  );
});

test('not JSON, a top-level array or scalar, empty text: a parse error or nothing', () => {
  const [e] = survives('{ "image": "node:20", "privileged": true');
  assert.equal(e.rule, 'parse-error');
  assert.match(e.message, /not valid JSON with comments/);
  assert.deepEqual(
    survives('[{ "image": "node:20", "privileged": true }]').map((f) => f.rule),
    [],
  );
  for (const text of ['', '   ', '42', '"privileged"', 'null', '// only a comment\n', '{}']) {
    assert.ok(
      survives(text).every((f) => f.rule === 'parse-error'),
      text,
    );
  }
  const odd = survives('{ "image": 42, "runArgs": "--privileged", "mounts": {}, "features": [], "appPort": { "a": 1 } }');
  assert.deepEqual(
    odd.filter((f) => !/-missing$/.test(f.rule)).map((f) => f.rule),
    [],
  );
  assert.deepEqual(
    of(survives('{ "image": "node:20", "privileged": "true", "capAdd": "SYS_ADMIN", "containerEnv": ["A=1"] }'), 'privileged'),
    [],
  );
});

test('deep nesting (10,000 levels): a parse-error finding, no stack overflow', () => {
  const deep = `{ "image": "node:20", "customizations": ${'['.repeat(10000)}${']'.repeat(10000)} }`;
  const found = survives(deep);
  assert.deepEqual(
    found.map((f) => f.rule),
    ['parse-error'],
  );
  assert.match(found[0].message, /nested more than 64 levels/);
  const objects = `${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}`;
  assert.deepEqual(
    survives(objects).map((f) => f.rule),
    ['parse-error'],
  );
  // Deep but unbalanced (never closed) is stopped too.
  assert.deepEqual(
    survives('['.repeat(50000)).map((f) => f.rule),
    ['parse-error'],
  );
});

test('5 MB: over the size limit a file-too-large finding; with the limit raised it is analysed, in bounded time', () => {
  const item = '"source=/var/run/docker.sock,target=/s,type=bind",';
  const big = `{ "image": "node:20", "mounts": [${item.repeat(Math.ceil((5 * 1024 * 1024) / item.length))} "x"] }`;
  assert.deepEqual(
    survives(big).map((f) => f.rule),
    ['file-too-large'],
  );
  const analysis = new Analysis({ bytes: textBytes(filesOf({ [DC]: big })) });
  const started = Date.now();
  const r = analysis.lint(DC, { overrides: { maxFileSizeKb: 8 * 1024 }, explicit: true } as never);
  assert.deepEqual(of(r.findings, 'internal-error'), []);
  // Bounded: the edits of so many findings are checked within a budget (no fix past it), never a hang.
  assert.ok(Date.now() - started < 60_000);
  const long = `{ "image": "node:20", "postCreateCommand": ${JSON.stringify(`echo ${'a'.repeat(200_000)} && curl -k https://x.example`)} }`;
  survives(long);
});

test('unknown keys, odd values and unusual strings never crash (property: random JSON values under known keys)', () => {
  const keys = [
    'image',
    'build',
    'runArgs',
    'mounts',
    'privileged',
    'capAdd',
    'securityOpt',
    'appPort',
    'forwardPorts',
    'containerEnv',
    'remoteEnv',
    'containerUser',
    'remoteUser',
    'features',
    'initializeCommand',
    'postCreateCommand',
    'dockerComposeFile',
    'service',
    'name',
  ];
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), (config) => {
      const text = JSON.stringify(config, null, 2);
      const parsed = parseDevcontainer(DC, text);
      assert.ok(parsed.parsed.problems.every((p) => p.rule !== 'internal-error'));
      survives(text);
    }),
    { numRuns: 150 },
  );
});

test('strings with escapes, lone surrogates and control characters: positions stay in the file', () => {
  const text =
    '{ "image": "node:20", "runArgs": ["--net\\u0077ork=host", "-v", "\\/var\\/run\\/docker.sock:\\/s", "\\ud83d"], "postCreateCommand": "echo \\"\\u0000\\" \\n curl -k https://x.example" }';
  const found = survives(text);
  assert.equal(of(found, 'host-network').length, 1);
  assert.equal(of(found, 'docker-socket-mount').length, 1);
  for (const f of found) {
    assert.ok(f.at.range.start.line === 0 && f.at.range.end.character <= text.length, f.rule);
  }
});
