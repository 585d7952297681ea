import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, rng, service, textAt } from './compose-util';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/compose');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

test('service declaration, extent and value ranges', () => {
  const text = 'services:\n  web:\n    image: nginx:1.25  # pinned\n    privileged: true\n\n  db:\n    image: "postgres"\n';
  const p = parse(text);
  assert.deepEqual(p.problems, []);
  const web = service(p, 'web');
  assert.equal(web.origin, 'compose');
  assert.equal(web.file, 'compose.yml');
  assert.deepEqual(web.declaration.range, rng(1, 2, 1, 5));
  assert.deepEqual(web.extent, rng(1, 2, 3, 20));
  assert.equal(web.image?.value, 'nginx:1.25');
  assert.deepEqual(web.image?.source.range, rng(2, 11, 2, 21));
  assert.equal(web.privileged?.value, 'true');
  const db = service(p, 'db');
  assert.equal(db.image?.value, 'postgres');
  assert.equal(textAt(text, db.image!.source.range), '"postgres"');
});

test('anchors and merge keys: values carry the anchor definition, local keys win', () => {
  const text = fixture('anchors.yml');
  const p = parse(text);
  assert.deepEqual(p.problems, []);
  const web = service(p, 'web');
  // `<<: [*hardening, *danger]`: the first source wins for read_only.
  assert.equal(web.readOnly?.value, 'true');
  assert.equal(web.readOnly?.source.range.start.line, 1);
  assert.equal(web.privileged?.value, 'true');
  assert.deepEqual(web.privileged?.source.range, rng(4, 14, 4, 18));
  assert.deepEqual(
    web.capDrop.map((c) => c.value),
    ['ALL'],
  );
  assert.equal(web.capDrop[0].source.range.start.line, 2);
  assert.deepEqual(
    web.capAdd.map((c) => [c.value, c.source.range.start.line]),
    [['SYS_ADMIN', 7]],
  );
  assert.equal(web.image?.source.range.start.line, 13);
  const env = Object.fromEntries(web.environment.map((e) => [e.name, e.value?.source.range.start.line]));
  assert.deepEqual(env, { MODE: 16, DB_PASSWORD: 9 });

  const worker = service(p, 'worker');
  assert.equal(worker.privileged?.value, 'false');
  assert.equal(worker.privileged?.source.range.start.line, 19);
  assert.equal(worker.readOnly?.source.range.start.line, 5);
});

test('settings: every scalar field, limits, environment list, logging, build, dependsOn', () => {
  const text = fixture('settings.yml');
  const p = parse(text, { TOKEN: 'from-env' });
  assert.deepEqual(p.problems, []);
  const app = service(p, 'app');
  const vals = {
    image: app.image?.value,
    user: app.user?.value,
    privileged: app.privileged?.value,
    readOnly: app.readOnly?.value,
    networkMode: app.networkMode?.value,
    pid: app.pid?.value,
    ipc: app.ipc?.value,
    uts: app.uts?.value,
    usernsMode: app.usernsMode?.value,
    loggingDriver: app.loggingDriver?.value,
  };
  assert.deepEqual(vals, {
    image: 'registry.example.com:5000/team/app:1.2',
    user: '0:0',
    privileged: 'true',
    readOnly: 'false',
    networkMode: 'service:proxy',
    pid: 'host',
    ipc: 'service:proxy',
    uts: 'host',
    usernsMode: 'host',
    loggingDriver: 'none',
  });
  assert.deepEqual(
    app.capAdd.map((c) => c.value),
    ['NET_ADMIN', 'SYS_PTRACE'],
  );
  assert.deepEqual(app.capAddFlow?.range, rng(12, 13, 12, 36));
  assert.deepEqual(
    app.capDrop.map((c) => c.value),
    ['ALL'],
  );
  assert.deepEqual(
    app.securityOpt.map((c) => c.value),
    ['no-new-privileges:true', 'seccomp=unconfined'],
  );
  assert.deepEqual(
    app.devices.map((c) => c.value),
    ['/dev/fuse:/dev/fuse'],
  );
  const l = app.limits;
  assert.deepEqual(
    [
      l.pidsLimit?.value,
      l.memLimit?.value,
      l.cpus?.value,
      l.cpuQuota?.value,
      l.deployPids?.value,
      l.deployMemory?.value,
      l.deployCpus?.value,
    ],
    ['100', '512m', '0.5', '50000', '200', '1g', '1.5'],
  );
  assert.equal(l.deployPids?.source.range.start.line, 27);
  const env = app.environment.map((e) => [e.name, e.value?.value, e.value?.known, e.interpolated, e.kind]);
  assert.deepEqual(env, [
    ['API_TOKEN', 'abc', true, false, 'environment'],
    ['EMPTY', '', true, false, 'environment'],
    ['FROM_ENV', undefined, undefined, false, 'environment'],
    ['REF', 'from-env', true, true, 'environment'],
  ]);
  assert.equal(textAt(text, app.environment[0].value!.source.range), 'abc');
  assert.equal(app.environment[3].value?.raw, '${TOKEN}');
  assert.equal(app.build?.context?.value, './app');
  assert.equal(app.build?.dockerfile?.value, 'Dockerfile.prod');
  assert.equal(app.build?.target?.value, 'runtime');
  assert.deepEqual(app.dependsOn.sort(), ['cache', 'data', 'db', 'proxy']);
  const proxy = service(p, 'proxy');
  assert.equal(proxy.build?.context?.value, './proxy');
  assert.deepEqual(proxy.dependsOn, ['app']);
  assert.equal(proxy.capAddFlow, undefined);
  assert.deepEqual(proxy.limits, {});
});

test('environment map form: null values, interpolation and UTF-16 columns', () => {
  const p = parse('services:\n  web:\n    environment: { NAME_日本語: "🐳x", PASS: secret }\n    user: "🐳"\n');
  assert.deepEqual(p.problems, []);
  const web = service(p, 'web');
  assert.deepEqual(web.environment[0].value?.source.range, rng(2, 29, 2, 34));
  assert.deepEqual(web.environment[1].value?.source.range, rng(2, 42, 2, 48));
  assert.deepEqual(web.user?.source.range, rng(3, 10, 3, 14));

  const q = parse('services:\n  web:\n    environment:\n      EMPTY:\n      URL: http://${HOST:-db}/x\n      COST: $$5\n');
  const env = service(q, 'web').environment;
  assert.deepEqual(
    env.map((e) => [e.name, e.value?.value, e.interpolated]),
    [
      ['EMPTY', undefined, false],
      ['URL', 'http://db/x', true],
      ['COST', '$5', false],
    ],
  );
  assert.deepEqual(env[1].source.range, rng(4, 6, 4, 31));
});

test('every short and long port form', () => {
  const text = fixture('ports.yml');
  const p = parse(text);
  assert.deepEqual(p.problems, []);
  const ports = service(p, 'web').ports;
  const summary = ports.map((b) => ({
    syntax: b.syntax,
    ip: b.hostIp?.value,
    host: b.hostPort?.value,
    ctr: b.containerPort.value,
    proto: b.protocol,
    known: b.hostIp?.known,
  }));
  assert.deepEqual(summary, [
    { syntax: 'short', ip: undefined, host: '8080', ctr: '80', proto: undefined, known: undefined },
    { syntax: 'short', ip: '127.0.0.1', host: '8081', ctr: '81', proto: undefined, known: true },
    { syntax: 'short', ip: '::1', host: '8082', ctr: '82', proto: undefined, known: true },
    { syntax: 'short', ip: '::1', host: '8083', ctr: '83', proto: undefined, known: true },
    { syntax: 'short', ip: undefined, host: '9000-9010', ctr: '9000-9010', proto: undefined, known: undefined },
    { syntax: 'short', ip: undefined, host: undefined, ctr: '3000', proto: undefined, known: undefined },
    { syntax: 'short', ip: undefined, host: undefined, ctr: '9100', proto: undefined, known: undefined },
    { syntax: 'short', ip: undefined, host: '53', ctr: '53', proto: 'udp', known: undefined },
    { syntax: 'short', ip: '0.0.0.0', host: undefined, ctr: '84', proto: undefined, known: true },
    { syntax: 'long', ip: '127.0.0.2', host: '8085', ctr: '85', proto: 'tcp', known: true },
    { syntax: 'short', ip: '127.0.0.3', host: '8086', ctr: '86', proto: undefined, known: true },
    { syntax: 'short', ip: '', host: '8087', ctr: '87', proto: undefined, known: false },
  ]);
  // Part ranges point into the quoted scalar.
  assert.equal(textAt(text, ports[1].hostIp!.source.range), '127.0.0.1');
  assert.equal(textAt(text, ports[1].hostPort!.source.range), '8081');
  assert.equal(textAt(text, ports[2].hostIp!.source.range), '::1');
  assert.equal(textAt(text, ports[3].hostIp!.source.range), '::1');
  assert.equal(textAt(text, ports[0].source.range), '"8080:80"');
  assert.equal(ports[6].isNumber, true);
  assert.equal(ports[5].isNumber, false);
  assert.equal(textAt(text, ports[6].scalar!.source.range), '9100');
  assert.ok(ports[9].mapping);
  assert.equal(ports[9].scalar, undefined);
  assert.deepEqual(ports[9].source.range, rng(12, 8, 16, 18));
  // An interpolated scalar: known parts point at the scalar as a whole, unknown parts at their raw text.
  assert.equal(textAt(text, ports[10].hostIp!.source.range), '"${BIND_IP:-127.0.0.3}:8086:86"');
  assert.equal(textAt(text, ports[11].hostIp!.source.range), '${UNSET_IP}');
  assert.equal(ports[11].hostPort?.known, true);
  assert.equal(textAt(text, ports[11].hostPort!.source.range), '8087');
});

test('every volume form: bind vs named, options, long syntax, Windows paths', () => {
  const text = fixture('volumes.yml');
  const p = parse(text);
  assert.deepEqual(p.problems, []);
  const m = service(p, 'web').mounts;
  const summary = m.map((x) => [x.syntax, x.type, x.hostPath?.value, x.target?.value, x.readOnly, x.propagation?.value]);
  assert.deepEqual(summary, [
    ['short', 'bind', '/var/run/docker.sock', '/var/run/docker.sock', true, undefined],
    ['short', 'bind', './data', '/data', false, undefined],
    ['short', 'bind', '~/.ssh', '/root/.ssh', true, undefined],
    ['short', 'bind', '/mnt', '/mnt', false, 'rshared'],
    ['short', 'volume', 'named', '/srv', false, undefined],
    ['short', 'volume', undefined, '/anonymous', false, undefined],
    ['short', 'bind', 'C:\\Users\\me', '/win', true, undefined],
    ['long', 'bind', '/etc', '/host-etc', true, 'shared'],
    ['long', 'volume', 'cache', '/cache', false, undefined],
    ['short', 'unknown', '', '/unknown', false, undefined],
    ['short', 'bind', '/certs', '/certs', true, undefined],
  ]);
  assert.equal(m[10].hostPath?.known, false);
  assert.equal(textAt(text, m[10].hostPath!.source.range), '${PWD}/certs');
  assert.equal(textAt(text, m[0].hostPath!.source.range), '/var/run/docker.sock');
  assert.equal(m[0].hostPath!.source.range.start.line, 3);
  assert.equal(textAt(text, m[3].propagation!.source.range), 'rshared');
  assert.equal(textAt(text, m[7].propagation!.source.range), 'shared');
  assert.equal(m[7].readOnlyValue?.value, 'true');
  assert.ok(m[7].mapping && m[8].mapping);
  assert.equal(m[7].source.range.start.line, 10);
  assert.equal(m[7].source.range.end.line, 15);
  assert.equal(textAt(text, m[0].scalar!.source.range), '/var/run/docker.sock:/var/run/docker.sock:ro');
  assert.equal(m[9].hostPath?.known, false);
  assert.equal(m[9].target?.known, true);
});

test('dependsOn from links, namespaces and volumes_from; unknown values are skipped', () => {
  const p = parse('services:\n  a:\n    links: [b, "c:alias"]\n    pid: service:d\n    network_mode: ${NET}\n    depends_on: [e]\n');
  assert.deepEqual(service(p, 'a').dependsOn, ['e', 'b', 'c', 'd']);
});

test('!reset and !override tags are accepted and recorded; !reset removes the value', () => {
  const text = 'x: &x\n  ports: ["80:80"]\nservices:\n  web:\n    <<: *x\n    ports: !reset []\n    volumes: !override\n      - /a:/b\n';
  const p = parse(text);
  assert.deepEqual(p.problems, []);
  const web = service(p, 'web');
  assert.deepEqual(web.composeTags, { ports: 'reset', volumes: 'override' });
  assert.equal(web.ports.length, 0);
  assert.equal(web.mounts.length, 1);
});

test('interpolation applies to settings; unknown values are marked unknown', () => {
  const p = parse('services:\n  web:\n    image: ${IMG:-nginx}:${TAG}\n    user: $USER_ID\n    privileged: ${PRIV:-false}\n', {
    USER_ID: '1000',
  });
  const web = service(p, 'web');
  assert.deepEqual([web.image?.value, web.image?.known, web.image?.raw], ['nginx:', false, '${IMG:-nginx}:${TAG}']);
  assert.deepEqual([web.user?.value, web.user?.known], ['1000', true]);
  assert.deepEqual([web.privileged?.value, web.privileged?.known], ['false', true]);
  assert.equal(web.privileged?.raw, '${PRIV:-false}');
  assert.equal(parse('services:\n  web:\n    image: nginx\n').containers[0].image?.raw, undefined);
});

test('files with and without version, empty services and null service', () => {
  assert.deepEqual(
    parse('version: "2"\nservices:\n  a:\n    image: x\n').containers.map((c) => c.name),
    ['a'],
  );
  const p = parse('services:\n  a:\n  b: {}\n');
  assert.deepEqual(p.problems, []);
  assert.deepEqual(
    p.containers.map((c) => c.name),
    ['a', 'b'],
  );
  assert.deepEqual(p.containers[0].extent, rng(1, 2, 1, 4));
  assert.deepEqual(parse('services:\n').containers, []);
  assert.deepEqual(parse('').problems, []);
  assert.deepEqual(parse('# just a comment\n').problems, []);
  assert.deepEqual(parse('name: x\nvolumes:\n  data: {}\n').containers, []);
});

test('CRLF file: ranges are the same as with LF', () => {
  const lf = fixture('ports.yml');
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = parse(lf);
  const b = parse(crlf);
  assert.deepEqual(b.problems, []);
  const ra = service(a, 'web').ports.map((x) => [x.source.range, x.hostIp?.source.range]);
  const rb = service(b, 'web').ports.map((x) => [x.source.range, x.hostIp?.source.range]);
  assert.deepEqual(rb, ra);
  assert.deepEqual(service(b, 'web').extent, service(a, 'web').extent);
});

test('a UTF-8 BOM is one UTF-16 unit on line 0 and does not shift later lines', () => {
  const p = parse('\uFEFFservices:\n  web:\n    image: x\n');
  assert.deepEqual(p.problems, []);
  const web = service(p, 'web');
  assert.deepEqual(web.declaration.range, rng(1, 2, 1, 5));
  assert.deepEqual(web.image?.source.range, rng(2, 11, 2, 12));
  const q = parse('\uFEFFservices: {web: {image: x}}\n');
  assert.deepEqual(service(q, 'web').declaration.range, rng(0, 12, 0, 15));
});

test('parse errors become parse-error problems at the error position', () => {
  const p = parse('services:\n  web:\n    image: "unterminated\n');
  assert.ok(p.problems.length > 0);
  assert.ok(p.problems.every((x) => x.rule === 'parse-error' && x.message.length > 0));

  const bad = parse('services:\n  web:\n    image: x\n   bad indent: y\n');
  assert.ok(bad.problems.some((x) => x.rule === 'parse-error' && x.source.range.start.line === 3));

  const notMap = parse('services:\n  - web\n');
  assert.equal(notMap.problems.length, 1);
  assert.match(notMap.problems[0].message, /services.*mapping/);
  assert.deepEqual(notMap.problems[0].source.range, rng(1, 2, 1, 7));

  assert.match(parse('- a\n').problems[0].message, /top level/);
  assert.match(parse('services:\n  web: 3\n').problems[0].message, /'web' must be a mapping/);
  assert.match(parse('services:\n  web:\n    image: *nope\n').problems[0].message, /\*nope/);
});

test('duplicate keys are reported and the file is still analysed', () => {
  const p = parse('services:\n  web:\n    image: a\n    image: b\n    privileged: true\n');
  assert.equal(p.problems.length, 1);
  assert.equal(p.problems[0].rule, 'parse-error');
  assert.deepEqual(p.problems[0].source.range.start, { line: 3, character: 4 });
  assert.equal(service(p, 'web').privileged?.value, 'true');
});

test('multi-document YAML: the first document is used', () => {
  const p = parse('services:\n  web:\n    image: a\n---\nservices:\n  db:\n    image: b\n');
  assert.deepEqual(
    p.containers.map((c) => c.name),
    ['web'],
  );
});

test('an alias bomb is reported quickly and not expanded', () => {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let prev = 'a';
  for (const n of 'bcdefghijk') {
    text += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = n;
  }
  text += 'services:\n  web:\n    image: x\n';
  const t = Date.now();
  const p = parse(text);
  assert.ok(Date.now() - t < 1000, 'took too long');
  assert.equal(p.problems.length, 1);
  assert.equal(p.problems[0].rule, 'parse-error');
  assert.match(p.problems[0].message, /alias bomb/);
  assert.deepEqual(p.containers, []);
});

test('a thousand aliases are fine', () => {
  let text = 'x: &x\n  image: nginx\nservices:\n';
  for (let i = 0; i < 1000; i++) text += `  s${i}: *x\n`;
  const p = parse(text);
  assert.deepEqual(p.problems, []);
  assert.equal(p.containers.length, 1000);
  assert.equal(p.containers[999].image?.source.range.start.line, 1);
});

test('recursive aliases and merge cycles do not hang', () => {
  const p = parse('a: &a\n  b: *a\nservices:\n  web:\n    <<: *a\n    image: x\n');
  assert.ok(p.problems.some((x) => /contains it/.test(x.message)));
  assert.equal(service(p, 'web').image?.value, 'x');
});

test('4 MB default size limit', () => {
  const big = 'services:\n  web:\n    image: x\n' + '#'.repeat(4 * 1024 * 1024) + '\n';
  assert.deepEqual(
    parse(big).problems.map((x) => x.rule),
    ['file-too-large'],
  );
  // Multi-byte characters count as UTF-8 bytes.
  const wide = 'services:\n  web:\n    image: x\n#' + '日'.repeat(1_500_000) + '\n';
  assert.deepEqual(
    parse(wide).problems.map((x) => x.rule),
    ['file-too-large'],
  );
});

test('files over maxBytes give file-too-large and no containers', () => {
  const text = 'services:\n  web:\n    image: x\n';
  const p = parseWith(text, 10);
  assert.deepEqual(
    p.problems.map((x) => x.rule),
    ['file-too-large'],
  );
  assert.deepEqual(p.containers, []);
});

test('absurd nesting is refused before the yaml library recurses into it', () => {
  for (const open of ['[', '{a: ', '- ']) {
    const p = parse('services:\n' + open.repeat(5000) + 'x\n');
    assert.equal(p.problems.length, 1, open);
    assert.match(p.problems[0].message, /nest/);
    assert.deepEqual(p.containers, []);
  }
  // Brackets in comments do not count, balanced ones never reach the limit.
  const quoted = `services:\n  web:\n    command: "${'[]'.repeat(500)}" # ${'{'.repeat(500)}\n    image: x\n`;
  assert.deepEqual(parse(quoted).problems, []);
});

test('a mapping with many keys is parsed in linear time and duplicates are still found', () => {
  let text = 'services:\n  web:\n    environment:\n';
  for (let i = 0; i < 20000; i++) text += `      K${i}: v\n`;
  text += '      K7: again\n';
  const t = Date.now();
  const p = parse(text);
  assert.ok(Date.now() - t < 5000, `took ${Date.now() - t} ms`);
  assert.deepEqual(
    p.problems.map((x) => [x.message, x.source.range.start.line]),
    [['Map keys must be unique', 20003]],
  );
  assert.equal(service(p, 'web').environment.length, 20000);
});

import { parseCompose } from '../../server/src/compose/parse';
function parseWith(text: string, maxBytes: number) {
  return parseCompose('f.yml', text, { env: new Map(), maxBytes });
}
