/**
 * Runs `parse` with stack traces off. `yaml` makes an Error object for every syntax error it meets (tens of
 * thousands in a hostile file, one per stray quote), and capturing each one's stack trace was most of the time
 * of such a parse (2 s of a 2.1 s lint of 148 KB). Nothing reads those stacks: errors are reported by position.
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
