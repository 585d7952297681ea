import type { Val } from './model';

/** A known value that YAML / Compose reads as true. */
export function isTrue(v: Val | undefined): boolean {
  return !!v && v.known && /^(true|yes|on|y)$/i.test(v.value.trim());
}

/** A known value equal (case-insensitive) to one of `options`. */
export function isOneOf(v: Val | undefined, ...options: string[]): boolean {
  return !!v && v.known && options.includes(v.value.trim().toLowerCase());
}

/** Set means: written at all, even if unknown (an unknown value must never make a rule fire). */
export function isSet(v: Val | undefined): v is Val {
  return !!v;
}
