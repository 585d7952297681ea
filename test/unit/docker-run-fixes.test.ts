import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { bashAccepts, fix, lint, of, rules, sh } from './docker-run-util';

function roundTrip(text: string, rule: string, expected: string, file = '/w/deploy.sh'): void {
  const findings = lint(file, text);
  const [f] = of(findings, rule);
  assert.ok(f?.fix, `${rule} has a fix on ${JSON.stringify(text)}`);
  const after = fix(text, f, file);
  assert.equal(after, expected);
  // A sensitive mount made read-only is still reported, as a warning (it can read host secrets).
  const left = of(lint(file, after), rule).filter((g) => rule !== 'sensitive-host-mount' || g.severity === 'error');
  assert.equal(left.length, 0, `${rule} is gone after the fix`);
  if (file.endsWith('.sh')) assert.notEqual(bashAccepts(after), false, `bash -n accepts ${JSON.stringify(after)}`);
}

test('remove a socket mount with its value: same line, its own continued line, glued, --mount', () => {
  roundTrip('docker run -d -v /var/run/docker.sock:/var/run/docker.sock nginx:1.25\n', 'docker-socket-mount', 'docker run -d nginx:1.25\n');
  roundTrip(
    'docker run -d \\\n  -v /var/run/docker.sock:/var/run/docker.sock \\\n  -p 127.0.0.1:80:80 \\\n  nginx:1.25\n',
    'docker-socket-mount',
    'docker run -d \\\n  -p 127.0.0.1:80:80 \\\n  nginx:1.25\n',
  );
  roundTrip('docker run -d \\\n  -v \\\n   /run:/run \\\n  nginx:1.25\n', 'docker-socket-mount', 'docker run -d \\\n  nginx:1.25\n');
  roundTrip("docker run '--volume=/var/run/docker.sock:/s' nginx:1.25\n", 'docker-socket-mount', 'docker run nginx:1.25\n');
  roundTrip(
    'docker run --mount type=bind,source=/var/run/docker.sock,target=/s nginx:1.25\n',
    'docker-socket-mount',
    'docker run nginx:1.25\n',
  );
});

test('bind a published port to 127.0.0.1, keeping the quotes', () => {
  roundTrip('docker run -p 8080:80 nginx:1.25\n', 'port-all-interfaces', 'docker run -p 127.0.0.1:8080:80 nginx:1.25\n');
  roundTrip('docker run -p80:80 nginx:1.25\n', 'port-all-interfaces', 'docker run -p127.0.0.1:80:80 nginx:1.25\n');
  roundTrip('docker run --publish="3000" nginx:1.25\n', 'port-all-interfaces', 'docker run --publish="127.0.0.1::3000" nginx:1.25\n');
  roundTrip("docker run -p '0.0.0.0:53:53/udp' nginx:1.25\n", 'port-all-interfaces', "docker run -p '127.0.0.1:53:53/udp' nginx:1.25\n");
});

test('remove --privileged and --network host; make a sensitive mount read-only', () => {
  roundTrip('docker run --privileged nginx:1.25\n', 'privileged', 'docker run nginx:1.25\n');
  roundTrip('docker run \\\n    --privileged \\\n    nginx:1.25\n', 'privileged', 'docker run \\\n    nginx:1.25\n');
  roundTrip('docker run --net=host nginx:1.25\n', 'host-network', 'docker run nginx:1.25\n');
  roundTrip('docker run --network host -d nginx:1.25\n', 'host-network', 'docker run -d nginx:1.25\n');
  roundTrip('docker run -v /etc:/host-etc nginx:1.25\n', 'sensitive-host-mount', 'docker run -v /etc:/host-etc:ro nginx:1.25\n');
  roundTrip(
    'docker run -v "$HOME/.ssh:/root/.ssh" nginx:1.25\n',
    'sensitive-host-mount',
    'docker run -v "$HOME/.ssh:/root/.ssh:ro" nginx:1.25\n',
  );
});

test('insert --pids-limit 200 right after the subcommand; rewrite an unlimited value', () => {
  roundTrip(
    'sudo docker container run -d \\\n  nginx:1.25\n',
    'pids-limit-missing',
    'sudo docker container run --pids-limit 200 -d \\\n  nginx:1.25\n',
  );
  roundTrip('docker run --pids-limit=-1 nginx:1.25\n', 'pids-limit-missing', 'docker run --pids-limit=200 nginx:1.25\n');
});

test('a flag inside a cluster gets no fix that would break the cluster', () => {
  const [f] = of(sh('docker run -itv /run:/run alpine:3'), 'docker-socket-mount');
  assert.equal(f.fix, undefined);
});

test('fixes in workflows keep valid YAML and remove the finding', () => {
  const file = '/w/.github/workflows/ci.yml';
  const text =
    'jobs:\n  t:\n    runs-on: ubuntu-latest\n    services:\n      dind:\n        image: docker:27-dind\n        options: --privileged --cpus 1\n' +
    '    steps:\n      - run: |\n          docker run --rm \\\n            -v /var/run/docker.sock:/var/run/docker.sock \\\n            -p 8080:80 \\\n            nginx:1.25\n';
  for (const rule of ['privileged', 'docker-socket-mount', 'port-all-interfaces', 'pids-limit-missing']) {
    for (const f of of(lint(file, text), rule)) {
      if (!f.fix) continue;
      const after = fix(text, f, file);
      assert.doesNotThrow(() => parseYaml(after), rule);
      const left = of(lint(file, after), rule).filter((g) => g.at.range.start.line === f.at.range.start.line);
      assert.equal(left.length, 0, `${rule} gone after its fix:\n${after}`);
      const run = (parseYaml(after) as { jobs: { t: { steps: { run: string }[] } } }).jobs.t.steps[0].run;
      assert.notEqual(bashAccepts(run), false, run);
    }
  }
});

test('fix in a Makefile recipe keeps the continuation and the recipe prefix', () => {
  const file = '/w/Makefile';
  const text = 'run:\n\tdocker run --rm \\\n\t  --privileged \\\n\t  nginx:1.25\n';
  const [f] = of(lint(file, text), 'privileged');
  assert.equal(fix(text, f, file), 'run:\n\tdocker run --rm \\\n\t  nginx:1.25\n');
});

test('removing the only flag of options: removes the entry, not just its value', () => {
  const file = '/w/.github/workflows/ci.yml';
  const text =
    'jobs:\n  t:\n    runs-on: ubuntu-latest\n    services:\n      dind:\n        image: docker:27-dind\n        options: --privileged\n    steps:\n      - run: true\n';
  const [f] = of(lint(file, text), 'privileged');
  const after = fix(text, f, file);
  assert.equal(
    after,
    'jobs:\n  t:\n    runs-on: ubuntu-latest\n    services:\n      dind:\n        image: docker:27-dind\n    steps:\n      - run: true\n',
  );
  assert.doesNotThrow(() => parseYaml(after));
  const two = text.replace('--privileged', '--privileged --cpus 1');
  const [g] = of(lint(file, two), 'privileged');
  assert.match(fix(two, g, file), /options: --cpus 1\n/);
});

test('a flag alone on a line of a folded or plain YAML scalar is removed with its line: the command stays one line', () => {
  const cases: Array<{ file: string; text: string; command: (doc: any) => string }> = [
    {
      file: '/w/.gitlab-ci.yml',
      text: 'build:\n  script:\n    - >\n      docker run -d\n      -v /var/run/docker.sock:/var/run/docker.sock\n      alpine:3.20\n',
      command: (doc) => doc.build.script[0],
    },
    {
      file: '/w/.gitlab-ci.yml',
      text: 'build:\n  script:\n    - docker run -d\n      -v /var/run/docker.sock:/var/run/docker.sock\n      alpine:3.20\n',
      command: (doc) => doc.build.script[0],
    },
    {
      file: '/w/.github/workflows/ci.yml',
      text: 'jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: >-\n          docker run -d\n          -v /var/run/docker.sock:/var/run/docker.sock\n          alpine:3.20\n',
      command: (doc) => doc.jobs.t.steps[0].run,
    },
  ];
  for (const { file, text, command } of cases) {
    const [f] = of(lint(file, text), 'docker-socket-mount');
    assert.ok(f?.fix, text);
    const after = fix(text, f, file);
    assert.equal(command(parseYaml(after)).trim(), 'docker run -d alpine:3.20', after);
    assert.deepEqual(
      rules(lint(file, after)).filter((r) => r === 'pids-limit-missing'),
      ['pids-limit-missing'],
      'still one docker run',
    );
  }
  // A literal block keeps its line breaks: there, only a continued line goes with its line.
  const literal = 'build:\n  script:\n    - |\n      docker run -d \\\n        -v /var/run/docker.sock:/s \\\n        alpine:3.20\n';
  const [g] = of(lint('/w/.gitlab-ci.yml', literal), 'docker-socket-mount');
  assert.equal(fix(literal, g, '/w/.gitlab-ci.yml'), 'build:\n  script:\n    - |\n      docker run -d \\\n        alpine:3.20\n');
});
