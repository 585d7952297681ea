import type { Rule, RuleReport } from '../rule';
import { fullName, imagesOf, isTrustedBy } from '../image-ref';

/**
 * Only when `trustedRegistries` is configured (an empty list counts as not configured): an image whose
 * normalised name (`nginx` → `docker.io/library/nginx`) is not below one of the trusted prefixes,
 * compared by whole path segments.
 */
export const untrustedRegistry: Rule = {
  id: 'untrusted-registry',
  title: 'Image from an untrusted registry',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default:
      "Service '{service}' uses image {image} ({name}), which is outside the trusted registries ({trusted}): its content and publisher are not vetted",
    dockerfile: 'FROM {image} ({name}) is outside the trusted registries ({trusted}): its content and publisher are not vetted',
  },
  check(c, ctx) {
    const trusted = ctx.settings.trustedRegistries;
    if (!trusted || trusted.length === 0) return [];
    const out: RuleReport[] = [];
    for (const { value, ref, text } of imagesOf(c, ctx.project)) {
      if (isTrustedBy(ref, trusted)) continue;
      out.push({
        messageId: c.origin === 'dockerfile' ? 'dockerfile' : 'default',
        args: { service: c.name, image: text, name: fullName(ref), trusted: trusted.join(', ') },
        at: value.source,
      });
    }
    return out;
  },
};
