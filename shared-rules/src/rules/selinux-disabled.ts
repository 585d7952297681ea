import type { Rule } from '../rule';
import { fixOf } from '../values';

/** `label:disable` runs the container unconfined by SELinux, so it can reach host files it can see. */
export const selinuxDisabled: Rule = {
  id: 'selinux-disabled',
  title: 'SELinux labelling disabled',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The option is usually set because bind-mounted host files lack the container label; with labelling back the service is denied access to them on SELinux hosts until the mounts get :z or :Z.',
  },
  messages: {
    default:
      '{Container} sets {option}: it turns off SELinux separation, so the container is not confined from the host files and other containers it can reach',
    fix: 'Remove {option} (may stop a service from reading its bind mounts on SELinux hosts)',
  },
  check(c) {
    return c.securityOpt
      .filter((o) => o.known && /^label[:=]disable$/i.test(o.value.trim()))
      .map((o) => ({
        messageId: 'default',
        args: { service: c.name, option: o.value.trim() },
        at: o.source,
        fix: fixOf('fix', o.remove?.(), { option: o.value.trim() }),
      }));
  },
};
