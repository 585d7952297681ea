import type { Rule } from '../rule';
import { fixOf, isOneOf } from '../values';

/** `uts: host`: the container can change the host's hostname. */
export const hostUts: Rule = {
  id: 'host-uts',
  title: 'Container shares the host UTS namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run'],
  fixable: true,
  messages: {
    default: "{Container} uses uts: host: it shares the host's hostname and domain name, and as root can change them for the whole host",
    flag: "{Container} runs with --uts host: it shares the host's hostname and domain name, and as root can change them for the whole host",
    fixFlag: 'Remove --uts host',
  },
  check(c) {
    const v = c.uts;
    if (!isOneOf(v, 'host')) return [];
    const run = c.origin === 'docker-run';
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
