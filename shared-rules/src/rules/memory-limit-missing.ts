import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const memoryLimitMissing: Rule = {
  id: 'memory-limit-missing',
  title: 'No memory limit',
  defaultSeverity: 'info',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'No memory limit',
  },
  check() {
    return [];
  },
};
