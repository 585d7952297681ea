/**
 * Never crash, never hang: property-based mutations of real files (the corpus when present, in-repo seeds
 * always) must give a complete result within a time bound. DOCKWARDEN_FUZZ_RUNS sets the number of cases
 * (default 1,500 for `npm test`; the closing note of the robustness issue records a 100,000-case run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintText } from '../helpers/lint';
import { mutatedFile, seeds } from '../helpers/mutations';

const RUNS = Number(process.env.DOCKWARDEN_FUZZ_RUNS ?? 1500);
/** Linear in the input: 3 s plus 10 ms per KB (a mutation may insert 200 KB scalars). */
const timeBound = (text: string) => 3000 + text.length / 100;
test(`lintFile survives ${RUNS} mutated files within a time bound linear in their size`, { timeout: 1_800_000 }, () => {
  const all = seeds();
  let slowest = 0;
  fc.assert(
    fc.property(mutatedFile(all), ({ seed, text }) => {
      const t0 = performance.now();
      const result = lintText({ file: `/fuzz/${path.basename(seed.name)}`, text, kind: seed.kind });
      const elapsed = performance.now() - t0;
      slowest = Math.max(slowest, elapsed);
      assert.ok(Array.isArray(result.findings));
      assert.ok(
        !result.findings.some((f) => f.rule === 'internal-error'),
        `internal error: ${result.findings.find((f) => f.rule === 'internal-error')?.message}`,
      );
      assert.ok(elapsed < timeBound(text), `took ${elapsed.toFixed(0)} ms for ${text.length} characters`);
    }),
    { numRuns: RUNS },
  );
  console.log(`fuzz: ${RUNS} cases, slowest ${slowest.toFixed(1)} ms`);
});
