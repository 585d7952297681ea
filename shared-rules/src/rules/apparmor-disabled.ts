import type { Rule } from '../rule';
import { fixOf } from '../values';

/** `apparmor:unconfined` removes the AppArmor profile that keeps the container away from /proc, /sys and mounts. */
export const apparmorDisabled: Rule = {
  id: 'apparmor-disabled',
  title: 'AppArmor profile disabled',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The option is set on purpose, to let the service mount, use FUSE or trace processes; with the profile back those calls are denied and the service can fail at start.',
  },
  messages: {
    default:
      '{Container} sets {option}: it turns off the AppArmor profile that stops the container from writing to /proc and /sys and from mounting file systems',
    fix: 'Remove {option} (may break a service that mounts file systems or traces processes)',
  },
  check(c) {
    return c.securityOpt
      .filter((o) => o.known && /^apparmor[:=]unconfined$/i.test(o.value.trim()))
      .map((o) => ({
        messageId: 'default',
        args: { service: c.name, option: o.value.trim() },
        at: o.source,
        fix: fixOf('fix', o.remove?.(), { option: o.value.trim() }),
      }));
  },
};
