import type { Rule, RuleReport } from '../rule';
import { fullName, imagesOf, isTrustedBy } from '../image-ref';
import { shorten } from '../bounds';

/** The trusted entries as a message shows them, joined and shortened once per settings list (not per image). */
const shown = new WeakMap<readonly string[], string>();

function trustedList(trusted: readonly string[]): string {
  let s = shown.get(trusted);
  if (s === undefined) {
    s = shorten(trusted.join(', '));
    shown.set(trusted, s);
  }
  return s;
}

/**
 * Only when `trustedRegistries` is configured (an empty list counts as not configured): an image whose
 * normalised name (`nginx` → `docker.io/library/nginx`) is not below one of the trusted prefixes,
 * compared by whole path segments (`*.example.com` and `*` wildcards: see isTrustedBy). Dockerfile: every FROM,
 * and every image that COPY --from / RUN --mount from= names.
 */
export const untrustedRegistry: Rule = {
  id: 'untrusted-registry',
  title: 'Image from an untrusted registry',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    default:
      '{Container} uses image {image} ({name}), which is outside the trusted registries ({trusted}): its content and publisher are not vetted',
    dockerfile: 'FROM {image} ({name}) is outside the trusted registries ({trusted}): its content and publisher are not vetted',
    via: '{via}={image} ({name}) is outside the trusted registries ({trusted}): its content and publisher are not vetted',
  },
  check(c, ctx) {
    const trusted = ctx.settings.trustedRegistries;
    if (!trusted || trusted.length === 0) return [];
    const out: RuleReport[] = [];
    for (const { value, ref, text, via } of imagesOf(c, ctx.project)) {
      if (isTrustedBy(ref, trusted)) continue;
      out.push({
        messageId: via ? 'via' : c.origin === 'dockerfile' ? 'dockerfile' : 'default',
        args: { service: c.name, image: text, name: fullName(ref), trusted: trustedList(trusted), via: via ?? '' },
        at: value.source,
      });
    }
    return out;
  },
};
