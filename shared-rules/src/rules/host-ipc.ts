import type { Rule } from '../rule';
import { fixOf, isOneOf, writtenAsFlag } from '../values';

/** `ipc: host`: the container can read and write the host's shared memory. */
export const hostIpc: Rule = {
  id: 'host-ipc',
  title: 'Container shares the host IPC namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      '--ipc host is set for programs sharing memory with host processes or other containers (X11 clients, some databases and GPU workloads); without it they cannot attach to it.',
  },
  messages: {
    default:
      "{Container} uses ipc: host: it shares the host's shared memory and IPC objects, so it can read or tamper with other processes' data",
    flag: "{Container} runs with --ipc host: it shares the host's shared memory and IPC objects, so it can read or tamper with other processes' data",
    fixFlag: 'Remove --ipc host (may break a program that shares memory with host processes)',
  },
  check(c) {
    const v = c.ipc;
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
