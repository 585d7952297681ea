import type { Rule } from '../rule';
import { fixOf, isSet, writtenAsFlag } from '../values';

/** Without a memory limit, one container can use all the host's memory and starve the others. */
export const memoryLimitMissing: Rule = {
  id: 'memory-limit-missing',
  title: 'No memory limit',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      '512 MB is a guess: a database, a JVM or a search engine commonly needs more and is killed by the kernel when it reaches the limit; choose it from what the service uses.',
  },
  messages: {
    default: "{Container} has no memory limit: a leak or an attack in it can use all the host's memory and starve other containers",
    fix: 'Add mem_limit: 512m (may get a service that needs more memory killed)',
    fixFlag: 'Add --memory 512m (may get a service that needs more memory killed)',
  },
  check(c) {
    if (isSet(c.limits.memLimit) || isSet(c.limits.deployMemory)) return [];
    return [
      {
        messageId: 'default',
        args: { service: c.name },
        at: c.declaration,
        fix: fixOf(writtenAsFlag(c) ? 'fixFlag' : 'fix', c.mapping?.addEntry('mem_limit', '512m')),
      },
    ];
  },
};
