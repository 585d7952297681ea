// Playwright steps that drive the VS Code workbench served by code-server. Every wait is bounded.
'use strict';
const path = require('path');
const { chromium } = require(path.join(__dirname, '../node_modules/playwright-core'));

const UI_TIMEOUT = Number(process.env.E2E_UI_TIMEOUT_MS || 60000);

async function launchBrowser(env) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    env,
    timeout: 60000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

class Workbench {
  constructor(page, log) {
    this.page = page;
    this.log = log;
  }

  static async open(browser, url, log) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (e) => log(`[pageerror] ${String(e).slice(0, 300)}`));
    await page.goto(url, { timeout: UI_TIMEOUT });
    await page.waitForSelector('.monaco-workbench', { timeout: UI_TIMEOUT });
    // Let the workbench take keyboard focus.
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 450 } })
      .catch(() => {});
    return new Workbench(page, log);
  }

  async quickInput(prefixKey, text) {
    const { page } = this;
    await page.keyboard.press(prefixKey);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    return input;
  }

  /** Opens a workspace file through Quick Open (Ctrl+P). */
  async openFile(relPath) {
    const { page } = this;
    await this.quickInput('Control+P', relPath);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relPath) })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page
      .locator(`.tab[data-resource-name="${path.basename(relPath)}"], .tab:has-text("${path.basename(relPath)}")`)
      .first()
      .waitFor();
    await page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /** Runs a command from the command palette by its exact title (e.g. "Dockwarden: Fix All"). The palette is
   *  reopened until the command shows up: contributed commands appear once the extension host has scanned. */
  async runCommand(title) {
    const { page } = this;
    const deadline = Date.now() + UI_TIMEOUT;
    for (;;) {
      await this.quickInput('F1', `>${title}`);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 5000 });
        await row.click();
        break;
      } catch (e) {
        await page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`command "${title}" never appeared in the command palette`, { cause: e });
      }
    }
    await page
      .locator('.quick-input-widget')
      .waitFor({ state: 'hidden' })
      .catch(() => {});
  }

  /** Moves the cursor to 1-based line/column with Ctrl+G, focusing the editor. */
  async gotoLine(line, column = 1) {
    const { page } = this;
    await this.quickInput('Control+G', `:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor.focused').waitFor();
  }

  squiggles(kind) {
    return this.page.locator(`.monaco-editor .squiggly-${kind}`);
  }

  async openProblems() {
    const { page } = this;
    if (
      !(await page
        .locator('.markers-panel')
        .isVisible()
        .catch(() => false))
    ) {
      await page.keyboard.press('Control+Shift+M');
    }
    await page.locator('.markers-panel').waitFor();
  }

  problemRows(hasText) {
    const sel = this.page.locator('.markers-panel .monaco-list-row');
    return hasText ? sel.filter({ hasText }) : sel;
  }

  async problemsText() {
    return (await this.page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Ctrl+. at the cursor, then picks the action whose title matches `title` (a RegExp). Returns the chosen title. */
  async quickFix(title, { screenshot } = {}) {
    const { page } = this;
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor();
    const row = page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 15000 });
    } catch (e) {
      const titles = await rows.allInnerTexts().catch(() => []);
      throw new Error(`no code action matching ${title}; offered: ${JSON.stringify(titles)}`, { cause: e });
    }
    const chosen = (await row.innerText()).trim();
    // Pick with the keyboard: a pointer-block overlay swallows mouse events right after the menu opens.
    const titles = (await rows.allInnerTexts()).map((t) => t.trim());
    const index = titles.indexOf(chosen);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.locator('.action-widget .monaco-list-row.action.focused', { hasText: title }).first().waitFor({ timeout: 10000 });
    if (screenshot) await screenshot();
    await page.keyboard.press('Enter');
    await page
      .locator('.action-widget')
      .waitFor({ state: 'hidden' })
      .catch(() => {});
    return chosen;
  }

  async save() {
    await this.page
      .locator('.monaco-editor')
      .first()
      .click({ position: { x: 5, y: 5 }, trial: true })
      .catch(() => {});
    await this.page.keyboard.press('Control+S');
  }
}

module.exports = { launchBrowser, Workbench, UI_TIMEOUT };
