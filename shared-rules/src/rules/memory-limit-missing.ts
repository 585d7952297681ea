import type { Rule } from '../rule';
import { fixOf, isSet } from '../values';

/** Without a memory limit, one container can use all the host's memory and starve the others. */
export const memoryLimitMissing: Rule = {
  id: 'memory-limit-missing',
  title: 'No memory limit',
  defaultSeverity: 'info',
  appliesTo: ['compose', 'docker-run'],
  fixable: true,
  messages: {
    default: "{Container} has no memory limit: a leak or an attack in it can use all the host's memory and starve other containers",
    fix: 'Add mem_limit: 512m',
    fixFlag: 'Add --memory 512m',
  },
  check(c) {
    if (isSet(c.limits.memLimit) || isSet(c.limits.deployMemory)) return [];
    return [
      {
        messageId: 'default',
        args: { service: c.name },
        at: c.declaration,
        fix: fixOf(c.origin === 'docker-run' ? 'fixFlag' : 'fix', c.mapping?.addEntry('mem_limit', '512m')),
      },
    ];
  },
};
