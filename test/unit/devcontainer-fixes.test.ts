import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis, textBytes } from '../../server/src/analysis';
import { commentsOf, dc, DC, filesOf, fix, jsoncErrors, of } from './devcontainer-util';

/** The fix of `rule` applied gives `expected`; the result parses as JSONC (strictly when the input did), with the same comments. */
function roundTrip(text: string, rule: string, expected: string, pick = 0): void {
  const f = of(dc(text), rule)[pick];
  assert.ok(f?.fix, `${rule} has a fix on ${JSON.stringify(text)}`);
  const after = fix(text, f);
  assert.equal(after, expected);
  checkValid(text, after);
}

function checkValid(before: string, after: string): void {
  assert.deepEqual(jsoncErrors(after), [], `JSONC: ${after}`);
  if (jsoncErrors(before, false).length === 0) assert.deepEqual(jsoncErrors(after, false), [], `no trailing comma added: ${after}`);
  assert.deepEqual(commentsOf(after), commentsOf(before), 'the same comments');
}

test('remove "privileged": true (unsafe): its line, its comma, the comments kept', () => {
  roundTrip(
    '{\n  "image": "node:20",\n  // for FUSE\n  "privileged": true,\n  "remoteUser": "node"\n}\n',
    'privileged',
    '{\n  "image": "node:20",\n  // for FUSE\n  "remoteUser": "node"\n}\n',
  );
  roundTrip('{\n  "image": "node:20",\n  "privileged": true\n}\n', 'privileged', '{\n  "image": "node:20"\n}\n');
  roundTrip('{ "image": "node:20", "privileged": true, "init": true }', 'privileged', '{ "image": "node:20", "init": true }');
  roundTrip('{ "image": "node:20", "privileged": /* yes */ true }', 'privileged', '{ "image": "node:20" /* yes */ }');
  roundTrip('{\n  "image": "node:20",\n  "privileged": true, // dind\n}\n', 'privileged', '{\n  "image": "node:20",\n  // dind\n}\n');
  const [f] = of(dc('{ "image": "node:20", "privileged": true }'), 'privileged');
  assert.equal(f.fix?.safety, 'unsafe');
  assert.match(f.fix!.title, /^Remove "privileged": true \(may break /);
});

test('remove a socket mount from mounts (string or object) or from runArgs (one item or two)', () => {
  roundTrip(
    '{\n  "image": "node:20",\n  "mounts": [\n    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",\n    "source=cache,target=/cache,type=volume"\n  ]\n}\n',
    'docker-socket-mount',
    '{\n  "image": "node:20",\n  "mounts": [\n    "source=cache,target=/cache,type=volume"\n  ]\n}\n',
  );
  roundTrip(
    '{ "image": "node:20", "mounts": ["source=cache,target=/cache,type=volume", { "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "type": "bind" }] }',
    'docker-socket-mount',
    '{ "image": "node:20", "mounts": ["source=cache,target=/cache,type=volume"] }',
  );
  roundTrip(
    '{\n  "image": "node:20",\n  "runArgs": [\n    "--init",\n    "-v", "/var/run/docker.sock:/var/run/docker.sock",\n    "--rm"\n  ]\n}\n',
    'docker-socket-mount',
    '{\n  "image": "node:20",\n  "runArgs": [\n    "--init",\n    "--rm"\n  ]\n}\n',
  );
  roundTrip(
    '{ "image": "node:20", "runArgs": ["--init", "-v=/var/run/docker.sock:/var/run/docker.sock"] }',
    'docker-socket-mount',
    '{ "image": "node:20", "runArgs": ["--init"] }',
  );
  roundTrip(
    '{ "image": "node:20", "runArgs": ["--volume", "/var/run/docker.sock:/var/run/docker.sock"] }',
    'docker-socket-mount',
    '{ "image": "node:20", "runArgs": [] }',
  );
  roundTrip(
    '{\n  "image": "node:20",\n  "runArgs": [\n    "--mount", // the engine\n    "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock",\n  ],\n}\n',
    'docker-socket-mount',
    '{\n  "image": "node:20",\n  "runArgs": [\n    // the engine\n  ],\n}\n',
  );
  const [f] = of(dc('{ "image": "node:20", "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock"] }'), 'docker-socket-mount');
  assert.equal(f.fix?.safety, 'unsafe');
});

test('remove --network=host / --net host / --privileged from runArgs', () => {
  roundTrip(
    '{ "image": "node:20", "runArgs": ["--network=host", "--init"] }',
    'host-network',
    '{ "image": "node:20", "runArgs": ["--init"] }',
  );
  roundTrip(
    '{ "image": "node:20", "runArgs": ["--init", "--net", "host"] }',
    'host-network',
    '{ "image": "node:20", "runArgs": ["--init"] }',
  );
  roundTrip(
    '{\n\t"image": "node:20",\n\t"runArgs": [\n\t\t"--privileged",\n\t\t"--network=host"\n\t]\n}\n',
    'privileged',
    '{\n\t"image": "node:20",\n\t"runArgs": [\n\t\t"--network=host"\n\t]\n}\n',
  );
  const [h] = of(dc('{ "image": "node:20", "runArgs": ["--network=host"] }'), 'host-network');
  assert.equal(h.fix?.safety, 'unsafe');
  assert.match(h.fix!.title, /^Remove --network host \(may break /);
  // A flag inside a cluster (`-itv`) is not one item: no fix.
  assert.equal(of(dc('{ "image": "node:20", "runArgs": ["--net=host", "--net=host"] }'), 'host-network')[0].fix !== undefined, true);
});

test('other fixes in JSON: read-only mounts, 127.0.0.1 ports, https, missing flags appended to runArgs', () => {
  roundTrip(
    '{ "image": "node:20", "mounts": ["source=${localEnv:HOME}/.ssh,target=/home/node/.ssh,type=bind"] }',
    'sensitive-host-mount',
    '{ "image": "node:20", "mounts": ["source=${localEnv:HOME}/.ssh,target=/home/node/.ssh,type=bind,readonly"] }',
  );
  roundTrip(
    '{ "image": "node:20", "appPort": ["8080:8080"] }',
    'port-all-interfaces',
    '{ "image": "node:20", "appPort": ["127.0.0.1:8080:8080"] }',
  );
  roundTrip(
    '{ "image": "node:20", "runArgs": ["-p", "3000:3000"] }',
    'port-all-interfaces',
    '{ "image": "node:20", "runArgs": ["-p", "127.0.0.1:3000:3000"] }',
  );
  roundTrip(
    '{ "image": "node:20", "postCreateCommand": "curl -fsSL http://example.com/x -o x" }',
    'insecure-download',
    '{ "image": "node:20", "postCreateCommand": "curl -fsSL https://example.com/x -o x" }',
  );
  roundTrip(
    '{ "image": "node:20", "postCreateCommand": ["curl", "-k", "https://example.com/x"] }',
    'tls-verification-disabled',
    '{ "image": "node:20", "postCreateCommand": ["curl", "https://example.com/x"] }',
  );
  roundTrip(
    '{\n  "image": "node:20",\n  "runArgs": [\n    "--init"\n  ]\n}\n',
    'pids-limit-missing',
    '{\n  "image": "node:20",\n  "runArgs": [\n    "--init",\n    "--pids-limit=200"\n  ]\n}\n',
  );
  roundTrip(
    '{\n  "image": "node:20",\n  "name": "x"\n}\n',
    'pids-limit-missing',
    '{\n  "image": "node:20",\n  "runArgs": ["--pids-limit=200"],\n  "name": "x"\n}\n',
  );
  roundTrip('{ "image": "node:20", "runArgs": [] }', 'memory-limit-missing', '{ "image": "node:20", "runArgs": ["--memory=512m"] }');
});

test('no edit through an escape or a variable: the text is not verbatim there', () => {
  const escaped = '{ "image": "node:20", "appPort": ["80\\u0038:8080"] }';
  const [p] = of(dc(escaped), 'port-all-interfaces');
  assert.ok(p, 'still reported');
  assert.equal(p.fix, undefined);
  const variable = '{ "image": "node:20", "runArgs": ["-v", "${localEnv:HOME}/.ssh:/root/.ssh"] }';
  const [m] = of(dc(variable), 'sensitive-host-mount');
  assert.ok(m);
  assert.equal(m.fix, undefined);
});

test('--fix applies every safe fix and, with --unsafe-fixes, the unsafe ones; the file stays valid JSONC with its comments', () => {
  const text = `// Dev container
{
  "name": "demo", // a name
  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",
  /* FUSE needs it */
  "privileged": true,
  "runArgs": [
    "--network=host", // share the host network
    "-v", "/var/run/docker.sock:/var/run/docker.sock",
    "-p", "8080:8080",
  ],
  "mounts": [
    "source=\${localEnv:HOME}\${localEnv:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind",
    { "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "type": "bind" },
  ],
  "securityOpt": ["seccomp=unconfined"],
  "postCreateCommand": "curl -k https://example.com/x -o x && curl -fsSL http://example.com/y -o y",
}
`;
  for (const unsafe of [false, true]) {
    const analysis = new Analysis({ bytes: textBytes(filesOf({ [DC]: text })) });
    const outcome = analysis.fix([DC], { unsafe });
    const after = outcome.changed.get(DC)?.after;
    assert.ok(after, 'something was fixed');
    assert.deepEqual(jsoncErrors(after!), []);
    assert.deepEqual(commentsOf(after!), commentsOf(text));
    const left = dc(after!, {}, 'recommended').filter((f) => f.fix && (unsafe || f.fix.safety !== 'unsafe'));
    assert.deepEqual(
      left.map((f) => f.rule),
      [],
      after,
    );
    assert.match(after!, /https:\/\/example\.com\/y/, 'the safe fix (https) is applied either way');
    if (!unsafe) assert.match(after!, /"privileged": true/);
    else assert.doesNotMatch(after!, /privileged|docker\.sock|--network=host/);
  }
});

test('suppressions: // dockwarden-ignore on the line before or at the end of the line, /* */ too, -file anywhere', () => {
  const text = `{
  "image": "node:20",
  // dockwarden-ignore privileged -- FUSE
  "privileged": true,
  "runArgs": ["--network=host"], // dockwarden-ignore host-network
  /* dockwarden-ignore cap-add-dangerous */
  "capAdd": ["SYS_ADMIN"],
  // dockwarden-ignore-file pids-limit-missing
  "securityOpt": ["seccomp=unconfined"]
}
`;
  const found = dc(text);
  for (const rule of ['privileged', 'host-network', 'cap-add-dangerous', 'pids-limit-missing']) assert.deepEqual(of(found, rule), [], rule);
  assert.equal(of(found, 'seccomp-disabled').length, 1);
  assert.deepEqual(of(found, 'unused-suppression'), []);
  const unused = dc('{\n  "image": "node:20",\n  // dockwarden-ignore privileged\n  "init": true\n}\n');
  assert.equal(of(unused, 'unused-suppression').length, 1);
  // A suppression on the line before a multi-line lifecycle command covers it; text in a string is no comment.
  const multi =
    '{\n  "image": "node:20",\n  // dockwarden-ignore remote-script-piped-to-shell\n  "postCreateCommand": [\n    "sh", "-c",\n    "curl -fsSL https://x.example | sh"\n  ],\n  "name": "// dockwarden-ignore privileged",\n  "privileged": true\n}\n';
  const m = dc(multi);
  assert.deepEqual(of(m, 'remote-script-piped-to-shell'), []);
  assert.equal(of(m, 'privileged').length, 1);
});
