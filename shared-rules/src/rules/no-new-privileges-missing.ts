import type { Rule } from '../rule';
import { fixOf, writtenAsFlag } from '../values';

/**
 * Without `no-new-privileges`, a process can gain privileges through setuid binaries (`su`, `sudo`,
 * a planted setuid shell). An unknown item counts as the option (never guess). The fix adds
 * `security_opt` only when the service has none; an existing list is left to the user.
 */
export const noNewPrivilegesMissing: Rule = {
  id: 'no-new-privileges-missing',
  title: 'no-new-privileges is not set',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'safe',
    reason:
      'It only stops a process from gaining privileges through setuid binaries or file capabilities, which a service rarely does at run time (entrypoints that start as root and drop to a user with gosu or su-exec keep working); a service that runs sudo as a non-root user would fail.',
  },
  messages: {
    default: '{Container} does not set no-new-privileges: a process in it can gain privileges through setuid binaries such as su or sudo',
    fix: 'Add security_opt: [no-new-privileges:true]',
    fixFlag: 'Add --security-opt no-new-privileges',
  },
  check(c) {
    if (c.securityOpt.some((o) => !o.known || /^no-new-privileges([:=]true)?$/i.test(o.value.trim()))) return [];
    const fix =
      c.securityOpt.length === 0
        ? fixOf(writtenAsFlag(c) ? 'fixFlag' : 'fix', c.mapping?.addEntry('security_opt', '["no-new-privileges:true"]'))
        : undefined;
    return [{ messageId: 'default', args: { service: c.name }, at: c.declaration, fix }];
  },
};
