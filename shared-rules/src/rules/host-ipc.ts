import type { Rule } from '../rule';
import { isOneOf } from '../values';

/** `ipc: host`: the container can read and write the host's shared memory. */
export const hostIpc: Rule = {
  id: 'host-ipc',
  title: 'Container shares the host IPC namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default:
      "{Container} uses ipc: host: it shares the host's shared memory and IPC objects, so it can read or tamper with other processes' data",
  },
  check(c) {
    const v = c.ipc;
    if (!isOneOf(v, 'host')) return [];
    return [{ messageId: 'default', args: { service: c.name }, at: v!.source }];
  },
};
