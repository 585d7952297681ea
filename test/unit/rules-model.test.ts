/**
 * Rules and their helpers on hand-built model objects: the parts that do not need a parser (path and
 * image-reference logic, credential names) and the Dockerfile / cross-file branches.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSpec, DockerfileStageInfo, FromInstruction, UserInstruction } from '../../shared-rules/src/model';
import type { RuleContext, RuleSettings } from '../../shared-rules/src/rule';
import { findRule } from '../../shared-rules/src/rules';
import { isEngineSocketPath, isSensitiveHostPath, normaliseHostPath } from '../../shared-rules/src/paths';
import { isTrustedBy, parseImageRef } from '../../shared-rules/src/image-ref';
import { looksLikeCredentialName } from '../../shared-rules/src/rules/plaintext-secret';
import { isRootUser, rewriteAffixes } from '../../shared-rules/src/values';
import { applyEdits } from '../helpers/edits';
import { item, service, src, val } from '../helpers/model';

function run(id: string, c: ContainerSpec, settings: RuleSettings = {}, project: ContainerSpec[] = [c]) {
  const rule = findRule(id);
  assert.ok(rule, id);
  const ctx: RuleContext = { settings, project };
  return rule.check(c, ctx);
}

describe('host paths', () => {
  test('normalisation', () => {
    assert.equal(normaliseHostPath('/var//run/./'), '/var/run');
    assert.equal(normaliseHostPath('/etc/../'), '/');
    assert.equal(normaliseHostPath('~/.ssh/'), '~/.ssh');
    assert.equal(normaliseHostPath('./etc'), undefined);
    assert.equal(normaliseHostPath('C:\\Users'), undefined);
  });
  test('engine sockets', () => {
    for (const p of [
      '/var/run/docker.sock',
      '/run/user/1000/podman/podman.sock',
      '~/.docker/run/docker.sock',
      '/run/containerd/containerd.sock',
      '/var/run/crio/crio.sock',
      '/run',
      '/var/run/',
      '//./pipe/docker_engine',
    ]) {
      assert.ok(isEngineSocketPath(p), p);
    }
    for (const p of ['./docker.sock.md', 'docker_sock', '/var/run/docker', '/var', '/run/secrets']) assert.ok(!isEngineSocketPath(p), p);
  });
  test('sensitive paths and their parents, not their children', () => {
    for (const p of [
      '/',
      '/etc',
      '/etc/',
      '/proc',
      '/sys',
      '/boot',
      '/dev',
      '/lib',
      '/usr',
      '/root',
      '/home',
      '/var',
      '/var/lib',
      '/var/lib/docker',
      '~',
      '~/.ssh',
      '~/.docker',
      '~/.aws',
      '~/.kube',
      '/home/alice',
      '/home/alice/.ssh',
      '/root/.kube',
      '/Users/bob/.aws',
    ]) {
      assert.ok(isSensitiveHostPath(p), p);
    }
    for (const p of [
      '/etc/localtime',
      '/etc/ssl/certs',
      '/home/user/project',
      '/var/log',
      '/opt',
      '/srv/data',
      '~/code',
      './data',
      '/var/lib/docker/volumes/x',
      '/usr/share/zoneinfo',
      '~/.ssh/known_hosts',
    ]) {
      assert.ok(!isSensitiveHostPath(p), p);
    }
  });
});

describe('image references', () => {
  test('parsing', () => {
    assert.deepEqual(parseImageRef('nginx'), { registry: 'docker.io', repository: 'library/nginx', tag: undefined, digest: undefined });
    assert.deepEqual(parseImageRef('localhost:5000/app'), {
      registry: 'localhost:5000',
      repository: 'app',
      tag: undefined,
      digest: undefined,
    });
    assert.deepEqual(parseImageRef('host:5000/team/app:1.2'), {
      registry: 'host:5000',
      repository: 'team/app',
      tag: '1.2',
      digest: undefined,
    });
    assert.equal(parseImageRef('user/app:1')?.registry, 'docker.io');
    assert.equal(parseImageRef('user/app:1')?.repository, 'user/app');
    assert.equal(parseImageRef('nginx@sha256:abc')?.digest, 'sha256:abc');
    assert.equal(parseImageRef(''), undefined);
  });
  test('trust by whole path segments', () => {
    const trusted = ['ghcr.io/myorg', 'docker.io/library', 'https://registry.example.com/'];
    const ok = (s: string) => isTrustedBy(parseImageRef(s)!, trusted);
    assert.ok(ok('ghcr.io/myorg/x:1'));
    assert.ok(!ok('ghcr.io/myorgevil/x:1'));
    assert.ok(ok('nginx:1'));
    assert.ok(ok('index.docker.io/library/nginx'));
    assert.ok(!ok('user/app:1'));
    assert.ok(ok('registry.example.com/a/b:1'));
    assert.ok(isTrustedBy(parseImageRef('myteam/app:1')!, ['myteam']));
  });
});

test('credential names', () => {
  for (const n of [
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'GITHUB_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'OPENAI_API_KEY',
    'APIKEY',
    'SSH_PRIVATE_KEY',
    'SECRET_KEY_BASE',
    'smtp_pass',
    'dbPassword',
    'NEXTAUTH_SECRET',
    'REGISTRY_CREDENTIALS',
    'AZURE_STORAGE_ACCOUNT_KEY',
    'WEBPASSWORD',
    // Well-known names, also behind a prefix; Jenkins' _PSW; PWORD.
    'AWS_ACCESS_KEY_ID',
    'VITE_AWS_ACCESS_KEY_ID',
    'NPM_CONFIG__AUTH',
    'npm_config__authToken',
    'ARTIFACTORY_PSW',
    'DB_PWORD',
  ]) {
    assert.ok(looksLikeCredentialName(n), n);
  }
  for (const n of [
    'DB_PASSWORD_FILE',
    'MY_PASSWORD_FILE',
    'AWS_ACCESS_KEY_ID_FILE',
    'ARTIFACTORY_USR',
    'PUBLIC_TOKEN',
    'public_token',
    'NEXT_PUBLIC_API_KEY',
    'TOKEN_URL',
    'POSTGRES_HOST_AUTH_METHOD',
    'PASSWORD_MIN_LENGTH',
    'GPG_KEY',
    'PWD',
    'SECRETS_DIR',
    'DB_USER',
    'PASSTHROUGH',
    'JWT_TOKEN_TTL',
    'TOKENIZER_PATH',
    'SECRETARY',
  ]) {
    assert.ok(!looksLikeCredentialName(n), n);
  }
});

test('root user specs', () => {
  for (const u of ['root', '0', '0:0', 'root:root', 'ROOT', '0:1000', '00']) assert.ok(isRootUser(u), u);
  for (const u of ['1000', '1000:0', 'app', 'nobody:root', '10001:10001']) assert.ok(!isRootUser(u), u);
});

test('rewriteAffixes keeps variables of the written text', () => {
  const v = val('8080:80', { raw: '${PORT:-8080}:80' });
  assert.equal(rewriteAffixes(v, { addPrefix: '127.0.0.1:' })?.[0].newText, '127.0.0.1:${PORT:-8080}:80');
  const ip = val('0.0.0.0:80:80', { raw: '${IP:-0.0.0.0}:80:80' });
  assert.equal(rewriteAffixes(ip, { stripPrefix: '0.0.0.0:', addPrefix: '127.0.0.1:' }), undefined);
});

describe('root-user', () => {
  function stage(users: UserInstruction[], file = '/p/Dockerfile'): DockerfileStageInfo {
    const from: FromInstruction = { image: val('node:20', { file }), source: src(file) };
    const cmd = src(file);
    return {
      from,
      allFroms: [from],
      users,
      runs: [],
      downloads: [],
      exposes: [],
      allRuns: [],
      allDownloads: [],
      allEnv: [],
      insertUser: (text) => [{ file, range: { start: cmd.range.start, end: cmd.range.start }, newText: `${text}\n` }],
    };
  }
  function dockerfile(info: DockerfileStageInfo): ContainerSpec {
    return service('stage 0', { origin: 'dockerfile', file: '/p/Dockerfile', declaration: info.from.source, dockerfile: info });
  }
  const user = (u: string, known = true): UserInstruction => {
    const v = val(u, { known, file: '/p/Dockerfile' });
    return { user: v, source: v.source };
  };

  test('Dockerfile without USER: at FROM, fix inserts USER 10001', () => {
    const c = dockerfile(stage([]));
    const [r] = run('root-user', c);
    assert.equal(r.messageId, 'noUser');
    assert.deepEqual(r.at, c.dockerfile!.from.source);
    assert.equal(r.fix?.edits[0].newText, 'USER 10001\n');
  });
  test('Dockerfile ending with USER root: at the USER', () => {
    const last = user('root');
    const [r] = run('root-user', dockerfile(stage([user('app'), last])));
    assert.equal(r.messageId, 'rootUser');
    assert.deepEqual(r.at, last.source);
  });
  test('Dockerfile with a non-root or unknown last USER does not fire', () => {
    assert.deepEqual(run('root-user', dockerfile(stage([user('root'), user('10001')]))), []);
    assert.deepEqual(run('root-user', dockerfile(stage([user('${APP_UID}', false)]))), []);
  });
  test('a USER root written after the insertion point gets no fix', () => {
    const info = stage([]);
    const late = { ...user('root') };
    late.source = { file: '/p/Dockerfile', range: { start: { line: 99999, character: 0 }, end: { line: 99999, character: 9 } } };
    info.users.push(late);
    const [r] = run('root-user', dockerfile(info));
    assert.equal(r.fix, undefined);
  });
  test('compose service built from a root Dockerfile, no user: -> at the service key, naming the Dockerfile', () => {
    const built = dockerfile(stage([]));
    const c = service('api', { build: { stage: built } });
    const [r] = run('root-user', c);
    assert.equal(r.messageId, 'build');
    assert.equal(r.args?.dockerfile, '/p/Dockerfile');
    assert.deepEqual(r.at, c.declaration);
    assert.equal(r.fix, undefined);
  });
  test('a compose user: wins over the Dockerfile', () => {
    const built = dockerfile(stage([]));
    assert.deepEqual(run('root-user', service('api', { build: { stage: built }, user: val('1000') })), []);
    assert.deepEqual(run('root-user', service('api', { build: { stage: dockerfile(stage([user('node')])) } })), []);
  });
});

describe('Dockerfile image and secret rules', () => {
  function withFroms(images: (string | undefined)[]): ContainerSpec {
    const froms: FromInstruction[] = images.map((i) => ({
      image: i === undefined ? undefined : val(i, { file: '/p/Dockerfile' }),
      stageRef: i === undefined ? 'build' : undefined,
      source: src('/p/Dockerfile'),
    }));
    const info: DockerfileStageInfo = {
      from: froms[froms.length - 1],
      allFroms: froms,
      users: [],
      runs: [],
      downloads: [],
      exposes: [],
      allRuns: [],
      allDownloads: [],
      allEnv: [],
      insertUser: () => [],
    };
    return service('stage 1', { origin: 'dockerfile', file: '/p/Dockerfile', dockerfile: info, image: froms[froms.length - 1].image });
  }
  test('every FROM with an image is checked, stage references are not', () => {
    const c = withFroms(['golang', 'alpine:latest', undefined, 'debian:12']);
    assert.deepEqual(
      run('image-unpinned', c).map((r) => r.messageId),
      ['dockerfile', 'dockerfileLatest'],
    );
    assert.deepEqual(
      run('image-no-digest', c).map((r) => r.args?.image),
      ['debian:12'],
    );
    assert.deepEqual(
      run('untrusted-registry', c, { trustedRegistries: ['docker.io/library/golang'] }).map((r) => r.args?.image),
      ['alpine:latest', 'debian:12'],
    );
  });
  test('ARG with a credential name fires even without a value; ENV only with a literal value', () => {
    const env = (name: string, kind: 'env' | 'arg', value?: string, interpolated = false) => ({
      ...item(name),
      name,
      kind,
      interpolated,
      value: value === undefined ? undefined : val(value),
    });
    const c = service('stage 0', {
      origin: 'dockerfile',
      environment: [
        env('NPM_TOKEN', 'arg'),
        env('APP_VERSION', 'arg'),
        env('DB_PASSWORD', 'env', 'hunter2'),
        env('API_KEY', 'env', '$API_KEY', true),
        env('GPG_KEY', 'env', 'A035C8C19219BA821ECEA86B64E628F8D684696D'),
        env('GOOGLE_APPLICATION_CREDENTIALS', 'env', '/run/config/key.json'),
        env('SIGNING_KEY', 'arg', 'keys/release.pem'),
      ],
    });
    assert.deepEqual(
      run('plaintext-secret', c).map((r) => `${r.messageId}:${r.args?.name}`),
      ['arg:NPM_TOKEN', 'env:DB_PASSWORD'],
    );
  });
});

describe('compose rules on hand-built services', () => {
  test('pids-limit: both keys unlimited -> both rewritten, never a second key added', () => {
    const c = service('web', { limits: { pidsLimit: val('-1'), deployPids: val('0') } });
    const [r] = run('pids-limit-missing', c);
    assert.deepEqual(r.at, c.limits.pidsLimit!.source);
    assert.deepEqual(
      r.fix?.edits.map((e) => e.newText),
      ['200', '200'],
    );
    assert.deepEqual(run('pids-limit-missing', service('web', { limits: { pidsLimit: val('x', { known: false }) } })), []);
  });
  test('network-none-suggested looks at the other services of the project', () => {
    const settings = { trustedRegistries: ['docker.io/library'] };
    const worker = service('worker', { image: val('evil/miner:1') });
    const app = service('app', { image: val('nginx:1'), dependsOn: ['worker'] });
    assert.equal(run('network-none-suggested', worker, settings, [worker]).length, 1);
    assert.deepEqual(run('network-none-suggested', worker, settings, [worker, app]), []);
    assert.deepEqual(run('network-none-suggested', service('w', { image: val('evil/x:1'), build: {} }), settings), []);
  });
  test('unknown values never fire', () => {
    const u = (v: string) => val(v, { known: false });
    const c = service('web', {
      image: u('nginx'),
      user: u('root'),
      privileged: u('true'),
      networkMode: u('host'),
      pid: u('host'),
      capAdd: [item('SYS_ADMIN', false)],
      securityOpt: [item('seccomp:unconfined', false)],
      devices: [item('/dev/sda', false)],
      loggingDriver: u('none'),
      readOnly: u('false'),
      limits: { memLimit: u(''), cpus: u(''), pidsLimit: u('') },
      capDrop: [item('', false)],
    });
    const ids = [
      'image-unpinned',
      'root-user',
      'privileged',
      'host-network',
      'host-pid',
      'cap-add-dangerous',
      'seccomp-disabled',
      'host-devices',
      'logging-disabled',
      'read-only-rootfs-missing',
      'memory-limit-missing',
      'cpu-limit-missing',
      'pids-limit-missing',
      'cap-drop-missing',
      'no-new-privileges-missing',
    ];
    for (const id of ids) assert.deepEqual(run(id, c), [], id);
  });
});

test('applyEdits applies non-overlapping edits against the original text, CRLF included', () => {
  const text = 'a: 1\r\nb: 2\r\n';
  const r = (l: number, s: number, e: number) => ({ start: { line: l, character: s }, end: { line: l, character: e } });
  assert.equal(
    applyEdits(text, [
      { file: 'f', range: r(1, 3, 4), newText: '3' },
      { file: 'f', range: r(0, 0, 0), newText: '# x\r\n' },
    ]),
    '# x\r\na: 1\r\nb: 3\r\n',
  );
  assert.throws(() =>
    applyEdits(text, [
      { file: 'f', range: r(0, 0, 2), newText: '' },
      { file: 'f', range: r(0, 1, 3), newText: '' },
    ]),
  );
});
