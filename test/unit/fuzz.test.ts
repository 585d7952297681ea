/**
 * Never crash, never hang: property-based mutations of real files (the corpus when present, in-repo seeds
 * always) must give a complete result within a time bound. DOCKWARDEN_FUZZ_RUNS sets the number of cases
 * (default 1,500 for `npm test`; the closing note of the robustness issue records a 100,000-case run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText } from '../helpers/lint';
import { deepExpansion, longRun, longWords, mutatedFile, mutation, seeds } from '../helpers/mutations';
import { parseDotenv } from '../../server/src/project/dotenv';
import { parseConfig } from '../../server/src/analysis/config';

/** Longest message a finding may carry (quoted values are shortened; see shared-rules/src/bounds.ts). */
const MAX_MESSAGE = 1100;

const RUNS = Number(process.env.DOCKWARDEN_FUZZ_RUNS ?? 1500);
/** Whole-test timeout: 30 min, or 50 ms of wall time per case for long runs (100,000 cases take about an hour). */
const TIMEOUT = Math.max(1_800_000, RUNS * 50);
/**
 * CPU time of this process in ms (user + system), not wall time: what an input costs, whatever else the machine
 * runs (on a shared 2-core box a wall-clock bound failed for cases that take 0.5 s alone).
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Linear in the input: 3 s plus 10 ms per KB (a mutation may insert 200 KB scalars). */
const timeBound = (chars: number) => 3000 + chars / 100;
test(`lintFile survives ${RUNS} mutated files within a time bound linear in their size`, { timeout: TIMEOUT }, () => {
  const all = seeds();
  let slowest = { ms: 0, seed: '', chars: 0 };
  fc.assert(
    fc.property(mutatedFile(all), ({ seed, text }) => {
      const t0 = cpuMs();
      const result = lintText({ file: `/fuzz/${seed.file}`, text, kind: seed.kind });
      const elapsed = cpuMs() - t0;
      if (elapsed > slowest.ms) slowest = { ms: elapsed, seed: seed.name, chars: text.length };
      assert.ok(Array.isArray(result.findings));
      assert.ok(
        !result.findings.some((f) => f.rule === 'internal-error'),
        `internal error: ${result.findings.find((f) => f.rule === 'internal-error')?.message}`,
      );
      assert.ok(elapsed < timeBound(text.length), `took ${elapsed.toFixed(0)} ms of CPU for ${text.length} characters`);
      const longest = result.findings.reduce((m, f) => Math.max(m, f.message.length), 0);
      assert.ok(longest <= MAX_MESSAGE, `a message of ${longest} characters`);
    }),
    // No shrinking: a time bound that fails under load would be re-run on huge inputs for tens of minutes. The
    // report gives the seed and the unshrunk case to replay.
    { numRuns: RUNS, endOnFailure: true },
  );
  const share = (100 * slowest.ms) / timeBound(slowest.chars);
  console.log(
    `fuzz: ${RUNS} cases, slowest ${slowest.ms.toFixed(1)} ms of CPU (${share.toFixed(0)} % of its bound), ${slowest.chars} characters from ${slowest.seed}`,
  );
});

const ENV_SEED = 'A=1\nexport B="two ${A}"\nC=\'three\' # c\n# comment\nD: ${B:-x}\nINHERITED\n';
const CONFIG_SEED = 'rules:\n  host-*: error\n  privileged: off\ntrustedRegistries:\n  - ghcr.io/acme/*\nignore:\n  - vendor/**\n';

test(`.env and config parsers survive ${Math.ceil(RUNS / 3)} hostile texts each within a time bound`, { timeout: TIMEOUT }, () => {
  const hostile: fc.Arbitrary<string> = fc.oneof(
    fc
      .tuple(fc.constantFrom(ENV_SEED, CONFIG_SEED), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([seed, ms]): string => ms.reduce((t: string, m) => m(t), seed)),
    longWords,
    longRun,
    deepExpansion,
  );
  fc.assert(
    fc.property(hostile, (text) => {
      const t0 = cpuMs();
      const env = parseDotenv(text, (name) => (name === 'INHERITED' ? 'x' : undefined));
      const config = parseConfig('/fuzz/.dockwarden.yaml', text);
      const elapsed = cpuMs() - t0;
      for (const v of env.values.values()) assert.ok(v.length <= 64 * 1024 + text.length, 'a .env value beyond the bound');
      assert.ok(config.errors.length <= 51);
      assert.ok(elapsed < timeBound(text.length), `took ${elapsed.toFixed(0)} ms of CPU for ${text.length} characters`);
    }),
    { numRuns: Math.ceil(RUNS / 3) },
  );
});
