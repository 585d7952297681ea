import type { Rule } from '../rule';
import { isTrue } from '../values';

/** `privileged: true` gives the container every capability and every host device. */
export const privileged: Rule = {
  id: 'privileged',
  title: 'Container runs privileged',
  defaultSeverity: 'error',
  appliesTo: ['compose'],
  fixable: true,
  check(c) {
    const v = c.privileged;
    if (!isTrue(v)) return [];
    return [
      {
        message: `Service '${c.name}' runs privileged: it gets all capabilities and the host's devices, so root in it is root on the host`,
        at: v!.source,
        fix: v!.removeEntry ? { title: 'Remove privileged: true', edits: v!.removeEntry() } : undefined,
      },
    ];
  },
};
