import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintProject, lintText } from '../helpers/lint';
import type { Finding } from '../../shared-rules/src/rule';

const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'projects');

function lint(rel: string): Finding[] {
  const file = path.join(fixtures, rel);
  return lintText({ file, text: fs.readFileSync(file, 'utf8'), files: 'disk' }).findings;
}

function project(rel: string): Finding[] {
  const file = path.join(fixtures, rel);
  return lintProject({ file, text: fs.readFileSync(file, 'utf8'), files: 'disk' });
}

const where = (f: Finding) => `${f.rule}@${path.relative(fixtures, f.at.file)}:${f.at.range.start.line + 1}`;

test('override file: a pids_limit in the override satisfies the base service', () => {
  const findings = project('override/compose.yaml');
  assert.ok(!findings.some((f) => f.rule === 'pids-limit-missing'), findings.map(where).join(' '));
});

test('override file: a value written in the override is reported there and names the service', () => {
  const findings = lint('override/compose.override.yaml');
  const port = findings.find((f) => f.rule === 'port-all-interfaces');
  assert.ok(port, 'port-all-interfaces in the override file');
  assert.equal(port.at.range.start.line, 5);
  assert.match(port.related?.[0]?.message ?? '', /web/);
  assert.equal(path.basename(port.related![0].source.file), 'compose.yaml');
  // The override alone lacks image, limits...: it is never linted as a standalone project.
  assert.ok(!findings.some((f) => f.rule === 'pids-limit-missing' || f.rule === 'image-unpinned'), findings.map(where).join(' '));
});

test('COMPOSE_FILE from .env combines the listed files', () => {
  const findings = project('compose-file-var/base.yml');
  assert.ok(
    findings.some((f) => where(f) === 'privileged@compose-file-var/hardening.yml:3'),
    findings.map(where).join(' '),
  );
  assert.ok(!findings.some((f) => f.rule === 'pids-limit-missing'));
});

test('extends in the same file and from another file, chained', () => {
  const findings = project('extends/compose.yaml');
  const cap = findings.filter((f) => f.rule === 'cap-add-dangerous');
  assert.equal(cap.length, 1, 'the inherited cap_add is reported once, where it is written');
  assert.equal(cap[0].at.range.start.line, 7);
  assert.ok(
    cap[0].related?.some((r) => /worker/.test(r.message)),
    'names the service that inherits it',
  );
  const host = findings.find((f) => f.rule === 'host-network');
  assert.ok(host, findings.map(where).join(' '));
  assert.equal(path.basename(host.at.file), 'common.yml');
  assert.ok(host.related?.some((r) => /remote/.test(r.message)));
  // `worker` inherits pids_limit from `base`; `remote` inherits it from `hardened`.
  assert.ok(!findings.some((f) => f.rule === 'pids-limit-missing'), findings.map(where).join(' '));
});

test('include: short and long form with env_file; findings point into the included file', () => {
  const findings = project('include/compose.yaml');
  assert.ok(
    findings.some((f) => where(f) === 'port-all-interfaces@include/sub/db.yaml:6'),
    findings.map(where).join(' '),
  );
  assert.ok(
    findings.some((f) => where(f) === 'image-unpinned@include/sub/cache.yaml:3'),
    'REDIS_TAG=latest from env_file',
  );
  assert.ok(
    !findings.some((f) => f.rule === 'port-all-interfaces' && f.at.file.endsWith('cache.yaml')),
    'CACHE_BIND=127.0.0.1 from env_file',
  );
});

test('build link: root-user follows the target stage and the service user', () => {
  const findings = project('build-link/compose.yaml').filter((f) => f.rule === 'root-user' && f.at.file.endsWith('compose.yaml'));
  assert.deepEqual(
    findings.map((f) => f.container),
    ['debug'],
    findings.map(where).join(' '),
  );
  assert.equal(findings[0].at.range.start.line, 13);
});

test('.env interpolation: known values fire, unknown values never do', () => {
  const findings = project('dotenv/compose.yaml');
  const rules = findings.map(where);
  assert.ok(rules.includes('image-unpinned@dotenv/compose.yaml:3'), rules.join(' '));
  assert.ok(rules.includes('docker-socket-mount@dotenv/compose.yaml:9'), rules.join(' '));
  assert.ok(!rules.some((r) => r.startsWith('port-all-interfaces')), 'BIND=127.0.0.1 and an unknown ADMIN_BIND never fire');
  assert.ok(!rules.some((r) => r.startsWith('pids-limit-missing')), 'an unknown ${PIDS} counts as set');
});
