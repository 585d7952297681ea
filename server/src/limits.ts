import type { ParseProblem, Source } from '../../shared-rules/src/model';
import { renderEngineMessage } from '../../shared-rules/src/l10n';

/**
 * An `analysis-limit` problem: a bound on size, nesting or expansion stopped the analysis of part of a file.
 * Never a silent pass: the finding says what was not checked (message ids in shared-rules/src/meta.ts).
 */
export function limitProblem(source: Source, messageId: string, args: Record<string, string>): ParseProblem {
  return {
    rule: 'analysis-limit',
    message: renderEngineMessage('analysis-limit', messageId, args, 'en') ?? messageId,
    messageId,
    args,
    source,
  };
}

/** Longest value a variable expansion may produce (a legitimate value is far shorter): longer is unknown. */
export const MAX_VALUE = 64 * 1024;

/**
 * Characters the variable expansions of one file (or one `.env`) may produce in all: its size several times
 * over, at least 1 M. Spent, later values built from variables are unknown (and one finding says so).
 */
export class ExpansionBudget {
  remaining: number;
  constructor(readonly total: number) {
    this.remaining = total;
  }
  static forText(text: string): ExpansionBudget {
    return new ExpansionBudget(Math.max(1_000_000, 8 * text.length));
  }
}
