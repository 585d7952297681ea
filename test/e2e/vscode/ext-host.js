// Runs test/e2e/extension-tests inside code-server's extension host through the workbench URL payload
// (extensionDevelopmentPath + extensionTestsPath, as @vscode/test-electron would pass them) and reads back the
// result JSON that the tests write into the workspace.
'use strict';
const fs = require('fs');
const path = require('path');
const { Workbench } = require('../lib/workbench');
const { workbenchUrl } = require('../lib/codeserver');
const { waitFor } = require('../lib/proc');
const { freshWorkspace, REPO } = require('../lib/fixtures');

async function runExtHostSuite({ cs, browser, runDir, log, record, devPath }) {
  const t0 = Date.now();
  const ws = freshWorkspace('exthost', path.join(runDir, 'ws', 'exthost'));
  const resultFile = path.join(ws, '.e2e-result.json');
  const url = workbenchUrl(cs, ws, {
    extensionDevelopmentPath: devPath || process.env.E2E_DEV_PATH || REPO,
    extensionTestsPath: path.join(__dirname, '../extension-tests'),
  });
  let page;
  try {
    const wb = await Workbench.open(browser, url, log);
    page = wb.page;
    const { results } = JSON.parse(
      await waitFor('extension-host test results', () => fs.existsSync(resultFile) && fs.readFileSync(resultFile, 'utf8'), 180000, 250),
    );
    for (const r of results) record(`exthost: ${r.name}`, r.ok, r.ms, r.ok ? null : r.error);
    log(`extension-host suite took ${Date.now() - t0} ms`);
  } catch (e) {
    const png = path.join(runDir, 'exthost-failure.png');
    if (page) await page.screenshot({ path: png }).catch(() => {});
    record('exthost: extension-host tests ran inside code-server', false, Date.now() - t0, e, [png]);
  } finally {
    if (page) await page.close().catch(() => {});
  }
}

module.exports = { runExtHostSuite };
