import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const pidsLimitMissing: Rule = {
  id: 'pids-limit-missing',
  title: 'No process limit (fork bomb protection)',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'No process limit (fork bomb protection)',
  },
  check() {
    return [];
  },
};
