// VS Code scenarios on `docker run` command lines (a GitHub Actions workflow's run: step, language yaml), driven
// through the real workbench like ui.js; kept in a file of their own.
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { execFileSync } = require('child_process');
const { waitFor } = require('../lib/proc');
const { REPO } = require('../lib/fixtures');

const YAML = require(path.join(REPO, 'node_modules/yaml'));

const FILE = '.github/workflows/ci.yml';
// Lines and columns (1-based) in fixtures/workflow/.github/workflows/ci.yml.
const RUN_LINE = 14; // `          docker run --rm --privileged \`
const DOCKER_RUN_COLUMN = 11;
const PRIVILEGED_COLUMN = 27;

/** bash -n on the run: step as the runner gets it (bash is on every machine the suite runs on). */
function assertBashSyntax(script) {
  const file = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'dw-e2e-bash-')), 'step.sh');
  fs.writeFileSync(file, script);
  try {
    execFileSync('bash', ['-n', file], { stdio: 'pipe' });
  } catch (e) {
    assert.fail(`bash -n rejects the run: step: ${String(e.stderr || e.message)}\n${script}`);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const scenarios = [
  {
    name: 'vscode: (h) workflow run: step: squiggle and Problems row on --privileged; the --pids-limit quick fix saved, YAML and indentation kept',
    fixture: 'workflow',
    async run({ wb, ws }) {
      await wb.openFile(FILE);
      // privileged is the file's only error: its squiggle, and its Problems row at --privileged's line and column.
      await wb.squiggles('error').first().waitFor();
      await wb.openProblems();
      const row = wb.problemRows('privileged').filter({ hasText: 'runs privileged' }).first();
      await row.waitFor();
      assert.ok((await row.locator('.codicon-error').count()) > 0, 'privileged is shown as an error');
      assert.match(await row.innerText(), new RegExp(`Ln ${RUN_LINE}, Col ${PRIVILEGED_COLUMN}\\b`));
      await wb.problemRows('pids-limit-missing').first().waitFor();

      // The lightbulb on `docker run`: the pids-limit fix (unsafe: its title says what may break).
      await wb.gotoLine(RUN_LINE, DOCKER_RUN_COLUMN + 2);
      const chosen = await wb.quickFix(/--pids-limit 200/);
      assert.match(chosen, /\(may stop /, 'the fix says what may break');
      await wb.problemRows('pids-limit-missing').first().waitFor({ state: 'detached' });
      await wb.save();
      const file = path.join(ws, FILE);
      const text = await waitFor(
        'the fixed file on disk',
        () => {
          const t = fs.readFileSync(file, 'utf8');
          return t.includes('--pids-limit') ? t : null;
        },
        20000,
      );
      const lines = text.split('\n');
      assert.equal(lines[RUN_LINE - 1], '          docker run --pids-limit 200 --rm --privileged \\', text);
      assert.equal(lines[RUN_LINE], '            -v "${{ github.workspace }}:/src:ro" \\', 'the continuation kept');
      assert.match(text, /^# CI for the e2e scenario/, 'leading comment kept');
      const run = YAML.parse(text).jobs.smoke.steps[1].run;
      assert.equal(
        run,
        'echo "smoke test"\ndocker run --pids-limit 200 --rm --privileged \\\n  -v "${{ github.workspace }}:/src:ro" \\\n  alpine:3.20 ls /src\n',
        'the run: block keeps its indentation',
      );
      assertBashSyntax(run);
      assert.ok((await wb.problemRows('runs privileged').count()) > 0, 'privileged stays until fixed');
    },
  },
];

module.exports = { scenarios };
