import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const apparmorDisabled: Rule = {
  id: 'apparmor-disabled',
  title: 'AppArmor profile disabled',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'AppArmor profile disabled',
  },
  check() {
    return [];
  },
};
