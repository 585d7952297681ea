/**
 * `text` without a `#` comment that follows a blank (`make` and YAML comments), as `text.replace(/\s+#.*$/, '')`
 * would give it, but in linear time: that pattern retries its `\s+` at every blank of a long run of blanks
 * without a `#` (95 KB of spaces on a Makefile line took seconds).
 */
export function withoutTrailingComment(text: string): string {
  const at = text.search(/\s#/);
  return at < 0 ? text : text.slice(0, at).trimEnd();
}
