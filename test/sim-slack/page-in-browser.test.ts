import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser.js';
import { type Harness, startHarness, waitFor } from './harness.js';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('the Slack stand-in page in Chromium', () => {
  it('when alice types a command and bob approves through the confirm dialog, then the page shows the bot’s posts, the dialog and the edit live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(h.sim.url);
    await page.locator('body[data-live="true"]').waitFor();
    await expect(page.getByTestId('sim-banner').textContent()).resolves.toContain(
      'Local simulation of Slack',
    );
    expect(await page.getByTestId('user-switcher').inputValue()).toBe('U0ALICE');

    await page.getByTestId('message-box').fill('/aurora plan prod-db');
    await page.getByTestId('message-box').press('Enter');
    const root = await waitFor(() =>
      h.sim.messages('C0OPS').find((m) => m.text === 'Scale-up plan for prod-db'),
    );
    const rootEl = page.locator(`[data-testid="message"][data-ts="${root.ts}"]`);
    await rootEl.getByText('Scale-up plan: prod-db').waitFor();
    await page.getByText('queued: plan prod-db').waitFor();
    await page.getByText('Only you can approve nothing here').waitFor();
    expect(await page.getByTestId('ephemeral-note').count()).toBe(2);

    await page.getByTestId('user-switcher').selectOption('U0BOB');
    await page.getByText('queued: plan prod-db').waitFor({ state: 'detached' });
    const approve = rootEl.getByTestId('button-approve');
    await approve.click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Switch over prod-db?');
    expect(await page.locator('#confirm-text').textContent()).toBe('Writes stop for about 30 s.');
    expect(await dialog.locator('strong').textContent()).toBe('about 30 s');
    await page.getByTestId('confirm-dialog-deny').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(h.actions).toHaveLength(0);

    await approve.click();
    await dialog.waitFor();
    expect(await page.getByTestId('confirm-dialog-confirm').textContent()).toBe('Switch over');
    await page.screenshot({ path: screenshotPath('sim-slack-confirm-dialog') });
    await page.getByTestId('confirm-dialog-confirm').click();

    await rootEl.getByText('Approved by @bob').waitFor();
    await page.getByText('Thanks, starting.').waitFor();
    expect(await rootEl.getByTestId('button-approve').count()).toBe(0);
    expect(h.actions[0]?.user.id).toBe('U0BOB');
    expect(await rootEl.locator('.edited').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('sim-slack-page') });
    await page.close();
  });
});
