import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const cpuLimitMissing: Rule = {
  id: 'cpu-limit-missing',
  title: 'No CPU limit',
  defaultSeverity: 'info',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'No CPU limit',
  },
  check() {
    return [];
  },
};
