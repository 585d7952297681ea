import type { Profile } from './config';

/**
 * The severity model's defaults (rules.md § Profiles; docs/decisions/severity-and-profiles.md). `strict`: every
 * rule at its catalogue severity. `recommended` (the default): the per-service hardening checks that fire on almost
 * every service are off, and the resource limits apply to containers whose image comes from outside the trusted
 * registries (none when `trustedRegistries` is not configured). A level in the config's `rules:` wins over both.
 */
const RECOMMENDED_OFF = new Set(['cap-drop-missing', 'no-new-privileges-missing', 'read-only-rootfs-missing']);
const RECOMMENDED_UNTRUSTED_ONLY = new Set(['memory-limit-missing', 'cpu-limit-missing']);
const NONE: ReadonlySet<string> = new Set();

export interface ProfileLevels {
  /** 'off' for a rule the profile turns off; undefined keeps the rule's default severity. */
  level(ruleId: string): 'off' | undefined;
  /** Rules that look only at containers running untrusted images. */
  untrustedOnly: ReadonlySet<string>;
}

export function profileLevels(profile: Profile): ProfileLevels {
  if (profile === 'strict') return { level: () => undefined, untrustedOnly: NONE };
  return { level: (id) => (RECOMMENDED_OFF.has(id) ? 'off' : undefined), untrustedOnly: RECOMMENDED_UNTRUSTED_ONLY };
}
