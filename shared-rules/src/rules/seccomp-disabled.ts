import type { Rule } from '../rule';
import { fixOf } from '../values';

/** `seccomp:unconfined` removes the system-call filter that blocks most kernel-escape paths. */
export const seccompDisabled: Rule = {
  id: 'seccomp-disabled',
  title: 'Seccomp profile disabled',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run'],
  fixable: true,
  messages: {
    default:
      '{Container} sets {option}: it turns off the seccomp filter, so the container can make every system call, including those used in kernel exploits and container escapes',
    fix: 'Remove {option}',
  },
  check(c) {
    return c.securityOpt
      .filter((o) => o.known && /^seccomp[:=]unconfined$/i.test(o.value.trim()))
      .map((o) => ({
        messageId: 'default',
        args: { service: c.name, option: o.value.trim() },
        at: o.source,
        fix: fixOf('fix', o.remove?.(), { option: o.value.trim() }),
      }));
  },
};
