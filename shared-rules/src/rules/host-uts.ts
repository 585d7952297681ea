import type { Rule } from '../rule';
import { fixOf, isOneOf, writtenAsFlag } from '../values';

/** `uts: host`: the container can change the host's hostname. */
export const hostUts: Rule = {
  id: 'host-uts',
  title: 'Container shares the host UTS namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      "--uts host is set for containers that must see or set the host's hostname (system agents, some licence checks); without it they see the container's own hostname.",
  },
  messages: {
    default: "{Container} uses uts: host: it shares the host's hostname and domain name, and as root can change them for the whole host",
    flag: "{Container} runs with --uts host: it shares the host's hostname and domain name, and as root can change them for the whole host",
    fixFlag: "Remove --uts host (may break a tool that must see or set the host's hostname)",
  },
  check(c) {
    const v = c.uts;
    if (!isOneOf(v, 'host')) return [];
    const run = writtenAsFlag(c, v);
    return [
      {
        messageId: run ? 'flag' : 'default',
        args: { service: c.name },
        at: v!.source,
        fix: run ? fixOf('fixFlag', v!.removeEntry?.()) : undefined,
      },
    ];
  },
};
