import type { Rule } from '../rule';
import { engineRules } from '../meta';
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

/**
 * A template split at its `{name}` placeholders: literal text at even indexes, names at odd ones. Every finding's
 * message is filled from one of a few hundred templates, so each is split once.
 */
const splitTemplates = new Map<string, string[]>();

export function fill(template: string, args: Record<string, string> | undefined): string {
  let parts = splitTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (splitTemplates.size < 4096) splitTemplates.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out += (args && name in args ? args[name] : `{${name}}`) + parts[i + 1];
  }
  return out;
}

/** The name of a dev container whose devcontainer.json has no `name`. */
export const DEV_CONTAINER_NAME = 'dev container';

/**
 * How messages name the container a finding is about, by the container's origin: `{Container}` starts a sentence,
 * `{container}` stands inside one ("Service 'web'" / "service 'web'" for Compose). The engine fills both.
 */
export function containerArgs(container: { origin: string; name: string }, locale: Locale): Record<string, string> {
  const name = container.name;
  if (container.origin === 'docker-run') {
    // The name of a docker run container is its --name, else its image, else the command itself.
    if (/^(docker|podman|nerdctl) (run|create)$/.test(name)) {
      if (locale === 'ja') return { Container: `この ${name} のコンテナ`, container: `この ${name} のコンテナ` };
      return { Container: `This ${name} container`, container: `this ${name} container` };
    }
    if (locale === 'ja') return { Container: `docker run のコンテナ「${name}」`, container: `docker run のコンテナ「${name}」` };
    return { Container: `The docker run container '${name}'`, container: `the docker run container '${name}'` };
  }
  if (container.origin === 'devcontainer') {
    // A devcontainer.json's `name`, else none (DEV_CONTAINER_NAME).
    if (name === DEV_CONTAINER_NAME) {
      if (locale === 'ja') return { Container: 'この開発コンテナ', container: 'この開発コンテナ' };
      return { Container: 'The dev container', container: 'the dev container' };
    }
    if (locale === 'ja') return { Container: `開発コンテナ「${name}」`, container: `開発コンテナ「${name}」` };
    return { Container: `The dev container '${name}'`, container: `the dev container '${name}'` };
  }
  if (locale === 'ja') return { Container: `サービス「${name}」`, container: `サービス「${name}」` };
  return { Container: `Service '${name}'`, container: `service '${name}'` };
}

/** The rule's message in `locale`, falling back to English. */
export function renderMessage(rule: Rule, messageId: string, args: Record<string, string> | undefined, locale: Locale): string {
  const local = locale === 'en' ? undefined : catalogues[locale][rule.id]?.messages[messageId];
  return fill(local ?? rule.messages[messageId] ?? messageId, args);
}

/** An engine finding's message (meta.ts) in `locale`, falling back to English; undefined for an unknown id. */
export function renderEngineMessage(
  id: string,
  messageId: string,
  args: Record<string, string> | undefined,
  locale: Locale,
): string | undefined {
  const en = engineRules.find((r) => r.id === id)?.messages?.[messageId];
  if (en === undefined) return undefined;
  const local = locale === 'en' ? undefined : catalogues[locale][id]?.messages[messageId];
  return fill(local ?? en, args);
}

export function ruleTitle(rule: { id: string; title: string }, locale: Locale): string {
  return (locale === 'en' ? undefined : catalogues[locale][rule.id]?.title) ?? rule.title;
}

/** Texts of engine findings (parse-error, ...) and of the editor's generic actions. */
export function catalogue(locale: Locale): Record<string, RuleTexts> | undefined {
  return locale === 'en' ? undefined : catalogues[locale];
}
