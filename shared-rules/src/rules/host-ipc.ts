import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const hostIpc: Rule = {
  id: 'host-ipc',
  title: 'Container shares the host IPC namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Container shares the host IPC namespace',
  },
  check() {
    return [];
  },
};
