import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInvocation } from '../../server/src/docker-run/argv';
import { allFlags, longFlag, shortFlag } from '../../server/src/docker-run/flags';
import { of, rules, sh } from './docker-run-util';

const words = (line: string) => line.split(' ').map((text) => ({ text, literal: !text.includes('$') }));
const image = (line: string) => {
  const inv = findInvocation(words(line));
  return inv?.imageIndex === undefined ? undefined : line.split(' ')[inv.imageIndex];
};

test('flag table: every docker run flag, booleans and valued flags as the Docker CLI defines them', () => {
  assert.ok(allFlags().length >= 100);
  for (const b of ['detach', 'interactive', 'tty', 'rm', 'privileged', 'read-only', 'publish-all', 'init', 'help', 'use-api-socket']) {
    assert.equal(longFlag(b)?.value, false, b);
  }
  for (const v of ['volume', 'publish', 'env', 'network', 'user', 'pids-limit', 'memory', 'mount', 'name', 'entrypoint', 'cap-add']) {
    assert.equal(longFlag(v)?.value, true, v);
  }
  assert.equal(shortFlag('v')?.long, 'volume');
  assert.equal(shortFlag('h')?.long, 'hostname');
  assert.equal(shortFlag('P')?.long, 'publish-all');
  assert.equal(longFlag('pod')?.only, 'podman');
});

test('the invocation: programs, wrappers, global options, container run/create; other subcommands are not', () => {
  assert.equal(image('docker run alpine'), 'alpine');
  assert.equal(image('podman create alpine'), 'alpine');
  assert.equal(image('nerdctl container run alpine'), 'alpine');
  assert.equal(image('sudo -E docker run alpine'), 'alpine');
  assert.equal(image('env A=b exec docker run alpine'), 'alpine');
  assert.equal(image('command time docker run alpine'), 'alpine');
  assert.equal(image('/usr/bin/docker -H tcp://x:2375 --context c --debug run alpine'), 'alpine');
  for (const line of [
    'docker build -t x .',
    'docker exec -it c sh',
    'docker compose run web',
    'docker image ls',
    'echo docker run x',
    'dockerd run x',
  ]) {
    assert.equal(findInvocation(words(line)), undefined, line);
  }
});

test('flag forms: --flag=value, --flag value, clusters, glued values, -- and the first non-flag word', () => {
  assert.equal(image('docker run --name=x -v /a:/b alpine'), 'alpine');
  assert.equal(image('docker run -itd --rm -p80:80 alpine sh'), 'alpine');
  assert.equal(image('docker run -itp 80:80 alpine'), 'alpine');
  assert.equal(image('docker run -e=A=1 -d=false alpine'), 'alpine');
  assert.equal(image('docker run --rm -- alpine'), 'alpine');
  assert.equal(image('docker run --privileged=true -u 0 alpine --privileged'), 'alpine');
  assert.equal(image('docker run --newflag=1 alpine'), 'alpine', 'unknown flag with =');
  assert.equal(image('docker run --newflag x -v a:b alpine'), 'alpine', 'unknown flag followed by a value and a known flag');
  assert.equal(image('docker run --newflag alpine sh'), 'alpine', 'unknown flag: boolean');
  assert.equal(image('docker run $DOCKER_OPTS alpine'), 'alpine', 'an options variable is flags');
  assert.equal(image('docker run --rm $IMAGE echo'), '$IMAGE');
  const help = findInvocation(words('docker run --help'));
  assert.equal(help?.help, true);
});

test('each flag form reaches the model the same way', () => {
  const forms = [
    'docker run --privileged alpine:3',
    'docker run --privileged=true alpine:3',
    'docker run -d --privileged --rm alpine:3',
    'docker run \\\n  --privileged \\\n  alpine:3',
  ];
  for (const f of forms) assert.equal(of(sh(f), 'privileged').length, 1, f);
  assert.equal(of(sh('docker run --privileged=false alpine:3'), 'privileged').length, 0);
  for (const f of [
    '-v /var/run/docker.sock:/var/run/docker.sock',
    '--volume=/var/run/docker.sock:/x',
    '-v/var/run/docker.sock:/x',
    '-itv /run:/run',
    '--mount type=bind,source=/var/run/docker.sock,target=/s',
    '--mount=type=bind,src=/run/docker.sock,dst=/s,readonly',
    '--use-api-socket',
  ]) {
    assert.equal(of(sh(`docker run ${f} alpine:3`), 'docker-socket-mount').length, 1, f);
  }
  for (const f of ['-p 80:80', '-p80:80', '--publish=0.0.0.0:80:80', '-p 8080', '-P', '--publish-all', '-p [::]:80:80']) {
    assert.equal(of(sh(`docker run ${f} alpine:3`), 'port-all-interfaces').length, 1, f);
  }
  for (const f of ['-p 127.0.0.1:80:80', '-p [::1]:80:80', '-p "$BIND:80:80"', '-P=false']) {
    assert.equal(of(sh(`docker run ${f} alpine:3`), 'port-all-interfaces').length, 0, f);
  }
  assert.equal(of(sh('docker run -p 2375:2375 alpine:3'), 'docker-daemon-port').length, 1);
  for (const [flag, rule] of [
    ['--net=host', 'host-network'],
    ['--network host', 'host-network'],
    ['--pid=host', 'host-pid'],
    ['--ipc host', 'host-ipc'],
    ['--uts=host', 'host-uts'],
    ['--userns=host', 'host-userns'],
    ['-u root', 'root-user'],
    ['--user=0:0', 'root-user'],
    ['--cap-add SYS_ADMIN', 'cap-add-dangerous'],
    ['--cap-add=ALL', 'cap-add-dangerous'],
    ['--security-opt seccomp=unconfined', 'seccomp-disabled'],
    ['--security-opt apparmor=unconfined', 'apparmor-disabled'],
    ['--security-opt label=disable', 'selinux-disabled'],
    ['--device /dev/sda', 'host-devices'],
    ['--log-driver none', 'logging-disabled'],
    ['-v /:/host', 'sensitive-host-mount'],
    ['-v ~/.ssh:/root/.ssh', 'sensitive-host-mount'],
    ['-v "$HOME/.aws:/root/.aws"', 'sensitive-host-mount'],
    ['-v /data:/data:rshared', 'mount-propagation-shared'],
    ['-e DB_PASSWORD=hunter2', 'plaintext-secret'],
    ['--pids-limit -1', 'pids-limit-missing'],
  ]) {
    assert.equal(of(sh(`docker run ${flag} nginx:1.25`), rule).length, 1, `${flag} → ${rule}`);
  }
  assert.deepEqual(
    rules(sh('docker run --rm alpine')).filter((r) => r.startsWith('image')),
    ['image-unpinned'],
  );
});

test('unknown values never fire; home and project spellings are known', () => {
  assert.equal(of(sh('docker run -v "$SRC:/src" -v $PWD:/w -v $(pwd):/x -v ${PWD}/a:/a alpine:3'), 'sensitive-host-mount').length, 0);
  assert.equal(of(sh('docker run -v ${HOME}:/h alpine:3'), 'sensitive-host-mount').length, 1);
  assert.equal(of(sh('docker run -e TOKEN=$TOKEN -e API_KEY alpine:3'), 'plaintext-secret').length, 0);
  assert.equal(of(sh('docker run --user "$UID" alpine:3'), 'root-user').length, 0);
  assert.equal(of(sh('docker run --rm "${IMAGE}:${TAG}"'), 'image-unpinned').length, 0);
  // Flags nobody can see may set the limits.
  assert.equal(of(sh('docker run $DOCKER_OPTS alpine:3'), 'pids-limit-missing').length, 0);
  assert.equal(of(sh('docker run --rm "$@"'), 'pids-limit-missing').length, 0);
  assert.equal(of(sh('docker run "${ARGS[@]}" alpine:3'), 'pids-limit-missing').length, 0);
  assert.equal(of(sh('docker run --rm "$IMAGE"'), 'pids-limit-missing').length, 1, 'a quoted variable is one word: the image');
});

test('negatives: flags after the image, commands in strings, heredocs, comments; --help; other subcommands', () => {
  const negatives = [
    'docker run alpine:3 sh -c "echo --privileged"',
    'docker run --pids-limit 100 alpine:3 --privileged -v /:/host',
    'echo "docker run --privileged -v /:/host alpine"',
    "msg='docker run --privileged alpine'",
    '# docker run --privileged alpine',
    'cat <<EOF\ndocker run --privileged alpine\nEOF',
    'docker run --help --privileged',
    'docker build --privileged .',
    'docker exec --privileged c sh',
    'printf "%s" "$(echo docker run --privileged alpine)"',
  ];
  for (const n of negatives) assert.equal(of(sh(n), 'privileged').length + of(sh(n), 'sensitive-host-mount').length, 0, n);
});

test('missing settings are reported at the program and subcommand words', () => {
  const f = of(sh('sudo docker container run -d nginx:1.25'), 'pids-limit-missing');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].at.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 25 } });
  assert.equal(of(sh('docker run --pids-limit 200 nginx:1.25'), 'pids-limit-missing').length, 0);
});

test('messages name the docker run container; Japanese too', () => {
  const [f] = of(sh('docker run --name web --privileged nginx:1.25'), 'privileged');
  assert.match(f.message, /^The docker run container 'web' runs privileged/);
  const [g] = of(sh('docker run --privileged "$IMG"'), 'privileged');
  assert.match(g.message, /^This docker run container runs privileged/);
  assert.match(of(sh('docker run --network host nginx:1.25'), 'host-network')[0].message, /--network host/);
});
