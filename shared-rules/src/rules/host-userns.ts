import type { Rule } from '../rule';
import { fixOf, isOneOf, writtenAsFlag } from '../values';

/** `userns_mode: host` opts out of the daemon's user-namespace remapping: root in the container is root on the host. */
export const hostUserns: Rule = {
  id: 'host-userns',
  title: 'Container opts out of user-namespace remapping',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The key is set on daemons with user-namespace remapping for a service that needs real host IDs (privileged, host mounts, the engine socket); remapped, it loses access to them.',
  },
  messages: {
    default:
      "{Container} uses userns_mode: host: it opts out of the daemon's user-namespace remapping, so root in the container is root on the host",
    flag: "{Container} runs with --userns host: it opts out of the daemon's user-namespace remapping, so root in the container is root on the host",
    fix: 'Remove userns_mode: host (may stop a service that needs host root where the daemon remaps users)',
    fixFlag: 'Remove --userns host (may stop a service that needs host root where the daemon remaps users)',
  },
  check(c) {
    const v = c.usernsMode;
    if (!v || !isOneOf(v, 'host')) return [];
    const run = writtenAsFlag(c, v);
    return [
      {
        messageId: run ? 'flag' : 'default',
        args: { service: c.name },
        at: v.source,
        fix: fixOf(run ? 'fixFlag' : 'fix', v.removeEntry?.()),
      },
    ];
  },
};
