import type { Rule } from '../rule';
import { isOneOf } from '../values';

/** `uts: host`: the container can change the host's hostname. */
export const hostUts: Rule = {
  id: 'host-uts',
  title: 'Container shares the host UTS namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: "{Container} uses uts: host: it shares the host's hostname and domain name, and as root can change them for the whole host",
  },
  check(c) {
    const v = c.uts;
    if (!isOneOf(v, 'host')) return [];
    return [{ messageId: 'default', args: { service: c.name }, at: v!.source }];
  },
};
