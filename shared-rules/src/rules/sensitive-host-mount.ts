import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const sensitiveHostMount: Rule = {
  id: 'sensitive-host-mount',
  title: 'Sensitive host path mounted into the container',
  defaultSeverity: 'error',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Sensitive host path mounted into the container',
  },
  check() {
    return [];
  },
};
