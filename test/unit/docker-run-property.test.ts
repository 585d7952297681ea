import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../helpers/edits';
import { bashAccepts, lint, of } from './docker-run-util';

/** Pieces of docker run command lines, with the quoting and layouts people write. */
const flag = fc.constantFrom(
  '--privileged',
  '-v /var/run/docker.sock:/var/run/docker.sock',
  '--volume=/run:/run',
  "-v '/etc:/host-etc'",
  '-v "$HOME/.ssh:/root/.ssh"',
  '-p 8080:80',
  '-p80:80',
  '--publish="3000"',
  '--network host',
  '--net=host',
  '--pid=host',
  '--mount type=bind,source=/var/run/docker.sock,target=/s',
  '--pids-limit -1',
  '-d',
  '--rm',
  '-it',
  '-e A=1',
  '--name web',
  '-u 1000',
);
const layout = fc.constantFrom(' ', ' \\\n  ', ' \\\n\t', '  ');
const prefix = fc.constantFrom('docker run', 'sudo docker run', 'podman create', 'docker container run', 'nerdctl run');

const command = fc
  .tuple(
    prefix,
    fc.array(fc.tuple(layout, flag), { minLength: 1, maxLength: 6 }),
    layout,
    fc.constantFrom('nginx:1.25', '"$IMAGE"', 'alpine:3 sh -c "echo --privileged"'),
  )
  .map(([p, flags, last, image]) => `${p}${flags.map(([l, f]) => `${l}${f}`).join('')}${last}${image}\n`);

test('every fix on generated command lines leaves valid shell and removes its finding', () => {
  let fixes = 0;
  fc.assert(
    fc.property(command, (text) => {
      const findings = lint('/w/gen.sh', text);
      for (const f of findings) {
        if (!f.fix) continue;
        fixes++;
        const after = applyEdits(text, f.fix.edits, '/w/gen.sh');
        assert.notEqual(bashAccepts(after), false, `bash -n rejects the ${f.rule} fix of:\n${text}\n→\n${after}`);
        // One finding of the rule (at this severity) fewer: the fixed one is gone, others may have moved up.
        const count = (list: typeof findings) => of(list, f.rule).filter((g) => g.severity === f.severity).length;
        assert.equal(count(lint('/w/gen.sh', after)), count(findings) - 1, `${f.rule} is still there after its fix:\n${after}`);
      }
    }),
    { numRuns: 60 },
  );
  assert.ok(fixes > 60, `only ${fixes} fixes were tried`);
});

test('random text around docker run never throws', () => {
  const noise = fc.string({
    unit: fc.constantFrom('"', "'", '\\', '$', '(', ')', '`', '\n', ' ', '-', 'v', 'p', ':', '/', '#', '<', '{', '}', '日', '😀', '\r'),
  });
  fc.assert(
    fc.property(command, noise, noise, (text, a, b) => {
      for (const file of ['/w/x.sh', '/w/Makefile', '/w/.github/workflows/x.yml', '/w/.gitlab-ci.yml']) {
        lint(file, `${a}${text}${b}`);
      }
    }),
    { numRuns: 300 },
  );
});
