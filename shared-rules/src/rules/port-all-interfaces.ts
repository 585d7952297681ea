import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const portAllInterfaces: Rule = {
  id: 'port-all-interfaces',
  title: 'Port published on all network interfaces',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Port published on all network interfaces',
  },
  check() {
    return [];
  },
};
