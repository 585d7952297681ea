import type { Rule } from '../rule';
import { fixOf, isOneOf, writtenAsFlag } from '../values';

/** `pid: host`: the container sees and can signal every host process. */
export const hostPid: Rule = {
  id: 'host-pid',
  title: 'Container shares the host PID namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      '--pid host is set for tools that watch or signal host processes (monitoring agents, debuggers, process exporters); without it they see only their own processes.',
  },
  messages: {
    default:
      '{Container} uses pid: host: it sees every process on the host, can read their environment and command lines, and as root can signal or trace them',
    flag: '{Container} runs with --pid host: it sees every process on the host, can read their environment and command lines, and as root can signal or trace them',
    fixFlag: 'Remove --pid host (may break a monitoring or debugging tool that reads host processes)',
  },
  check(c) {
    const v = c.pid;
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
