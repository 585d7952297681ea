import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const hostDevices: Rule = {
  id: 'host-devices',
  title: 'Host device mapped into the container',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Host device mapped into the container',
  },
  check() {
    return [];
  },
};
