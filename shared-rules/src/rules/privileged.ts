import type { Rule } from '../rule';
import { isTrue } from '../values';

/** `privileged: true` gives the container every capability and every host device. */
export const privileged: Rule = {
  id: 'privileged',
  title: 'Container runs privileged',
  defaultSeverity: 'error',
  appliesTo: ['compose', 'docker-run'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'privileged is set for a service that needs devices, mounts or kernel settings (Docker-in-Docker, hardware access, VPN, system monitors); without it those fail.',
  },
  messages: {
    default: "{Container} runs privileged: it gets every capability and the host's devices, so root in it is root on the host",
    fix: 'Remove privileged: true (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
    fixFlag: 'Remove --privileged (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
  },
  check(c) {
    const v = c.privileged;
    if (!v || !isTrue(v)) return [];
    return [
      {
        messageId: 'default',
        args: { service: c.name },
        at: v.source,
        fix: v.removeEntry ? { titleId: c.origin === 'docker-run' ? 'fixFlag' : 'fix', edits: v.removeEntry() } : undefined,
      },
    ];
  },
};
