import type { Rule } from '../rule';
import { isOneOf } from '../values';

/** `pid: host`: the container sees and can signal every host process. */
export const hostPid: Rule = {
  id: 'host-pid',
  title: 'Container shares the host PID namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default:
      '{Container} uses pid: host: it sees every process on the host, can read their environment and command lines, and as root can signal or trace them',
  },
  check(c) {
    const v = c.pid;
    if (!isOneOf(v, 'host')) return [];
    return [{ messageId: 'default', args: { service: c.name }, at: v!.source }];
  },
};
