import type { Rule } from '../rule';
import { privileged } from './privileged';

/** Every rule, in catalogue order. Add a rule: one file in this folder, one line here. */
export const allRules: readonly Rule[] = [privileged];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
