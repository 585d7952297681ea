import type { Rule } from '../rule';
import { ja } from './ja';

export type Locale = 'en' | 'ja';

/** A rule's texts in one language: title and message templates by message id. */
export interface RuleTexts {
  title: string;
  messages: Record<string, string>;
}

const catalogues: Record<Exclude<Locale, 'en'>, Record<string, RuleTexts>> = { ja };

/** `ja`, `ja-JP`, `ja_JP.UTF-8` → 'ja'; everything else → 'en'. */
export function toLocale(tag: string | undefined): Locale {
  return tag && /^ja\b|^ja[-_]/i.test(tag) ? 'ja' : 'en';
}

export function fill(template: string, args: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (args && k in args ? args[k] : m));
}

/** The rule's message in `locale`, falling back to English. */
export function renderMessage(rule: Rule, messageId: string, args: Record<string, string> | undefined, locale: Locale): string {
  const local = locale === 'en' ? undefined : catalogues[locale][rule.id]?.messages[messageId];
  return fill(local ?? rule.messages[messageId] ?? messageId, args);
}

export function ruleTitle(rule: { id: string; title: string }, locale: Locale): string {
  return (locale === 'en' ? undefined : catalogues[locale][rule.id]?.title) ?? rule.title;
}

/** Texts of engine findings (parse-error, ...) and of the editor's generic actions. */
export function catalogue(locale: Locale): Record<string, RuleTexts> | undefined {
  return locale === 'en' ? undefined : catalogues[locale];
}
