import type { Rule } from '../rule';
import { fixOf, isSet, writtenAsFlag } from '../values';

/** Without a CPU limit, one busy (or mining) container can take every core of the host. */
export const cpuLimitMissing: Rule = {
  id: 'cpu-limit-missing',
  title: 'No CPU limit',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'One core is a guess: a service that needs more is throttled and can time out under load; choose the limit from what the service uses.',
  },
  messages: {
    default: '{Container} has no CPU limit: a runaway or compromised process in it (e.g. a crypto miner) can take every core of the host',
    fix: 'Add cpus: 1.0 (may slow a service that needs more than one core)',
    fixFlag: 'Add --cpus 1.0 (may slow a service that needs more than one core)',
  },
  check(c) {
    const { cpus, cpuQuota, deployCpus } = c.limits;
    if (isSet(cpus) || isSet(cpuQuota) || isSet(deployCpus)) return [];
    return [
      {
        messageId: 'default',
        args: { service: c.name },
        at: c.declaration,
        fix: fixOf(writtenAsFlag(c) ? 'fixFlag' : 'fix', c.mapping?.addEntry('cpus', '1.0')),
      },
    ];
  },
};
