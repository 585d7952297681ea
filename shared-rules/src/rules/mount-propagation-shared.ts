import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const mountPropagationShared: Rule = {
  id: 'mount-propagation-shared',
  title: 'Bind mount with shared propagation',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Bind mount with shared propagation',
  },
  check() {
    return [];
  },
};
