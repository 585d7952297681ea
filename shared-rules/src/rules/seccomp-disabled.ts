import type { Rule } from '../rule';
import { fixOf } from '../values';

/** `seccomp:unconfined` removes the system-call filter that blocks most kernel-escape paths. */
export const seccompDisabled: Rule = {
  id: 'seccomp-disabled',
  title: 'Seccomp profile disabled',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The option is set on purpose, for a browser sandbox, a debugger, nested containers or an old runtime; with the default filter back their system calls fail.',
  },
  messages: {
    default:
      '{Container} sets {option}: it turns off the seccomp filter, so the container can make every system call, including those used in kernel exploits and container escapes',
    fix: 'Remove {option} (may break a service that needs blocked system calls, e.g. a browser sandbox or a debugger)',
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
