/**
 * What a newcomer does on the demo page, as Playwright steps: alice asks for a blue/green
 * scale-up of prod-db, tries to approve it herself, then bob approves every gate through the
 * confirm dialog until the final summary. Shared by the browser test and the by-hand timing run.
 * Every wait is for something on the page; nothing sleeps.
 */
import type { Locator, Page } from 'playwright-core';

export const COMMAND = '/aurora scaleup prod-db r6g.2xlarge';
export const APPROVE = 'button-aurora_gate_approve';

/** The gates of prod-db's blue/green run, in order (prod-db's default group lacks binlog). */
export const GATES = ['Reboot the writer', 'Switch production to green', 'Delete the old cluster'];

export interface DriveOptions {
  /** Longest wait for any one thing to appear, ms. */
  timeoutMs: number;
  /** Called with each milestone and the ms since the command was sent. */
  mark?: (milestone: string, atMs: number) => void;
}

export interface DriveResult {
  /** Visible text of each thing the flow waited for, by name. */
  texts: {
    plan: string;
    firstPrompt: string;
    refusal: string;
    decisions: string[];
    outageReport: string;
    summary: string;
  };
  /** data-ts of the run's root message. */
  rootTs: string;
  /** ms from sending the command to the final summary. */
  elapsedMs: number;
}

/** What a person sees of an element: its rendered text, line breaks included. */
export function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the tests assert on rendered text.
  return locator.innerText();
}

/** A posted (not ephemeral, not a broadcast copy) message containing `text`. */
export function message(page: Page, text: string | RegExp): Locator {
  return page
    .locator('[data-testid="message"]:not([data-ephemeral])')
    .filter({ hasText: text })
    .last();
}

/** Switches the page's viewer and waits until the list is re-rendered for them. */
export async function switchUser(page: Page, id: string, timeoutMs: number): Promise<void> {
  if ((await page.locator('body').getAttribute('data-user')) === id) return;
  const before = await page.locator('body').getAttribute('data-refreshed-at');
  await page.getByTestId('user-switcher').selectOption(id);
  // why: the list is re-rendered for the new viewer; wait for that before reading it.
  await page
    .locator(`body[data-user="${id}"]:not([data-refreshed-at="${before ?? ''}"])`)
    .waitFor({ timeout: timeoutMs });
}

/**
 * Clicks Approve on the open prompt for `gate` (a title, or a pattern for any), confirms the
 * dialog, and returns the prompt's ts.
 */
export async function approve(
  page: Page,
  gate: string | RegExp,
  timeoutMs: number,
): Promise<string> {
  const prompt = page
    .locator('[data-testid="message"]')
    .filter({ hasText: typeof gate === 'string' ? `Approval needed: ${gate} on prod-db` : gate })
    .filter({ has: page.getByTestId(APPROVE) })
    .last();
  await prompt.waitFor({ timeout: timeoutMs });
  const ts = await prompt.getAttribute('data-ts');
  if (!ts) throw new Error(`the prompt for "${gate}" has no data-ts`);
  await page.locator(`[data-testid="message"][data-ts="${ts}"]`).getByTestId(APPROVE).click();
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.waitFor({ timeout: timeoutMs });
  const title = await dialog.locator('h2').textContent();
  if (title !== 'Approve on prod-db?') throw new Error(`unexpected confirm dialog "${title}"`);
  await page.getByTestId('confirm-dialog-confirm').click();
  await dialog.waitFor({ state: 'hidden', timeout: timeoutMs });
  return ts;
}

/** Runs the whole flow on an open demo page; throws with the missing thing if a wait times out. */
export async function driveScaleUp(page: Page, options: DriveOptions): Promise<DriveResult> {
  const { timeoutMs } = options;
  await page.locator('body[data-live="true"]').waitFor({ timeout: timeoutMs });
  await switchUser(page, 'U0ALICE', timeoutMs);
  const started = Date.now();
  const mark = (what: string) => options.mark?.(what, Date.now() - started);

  const box = page.getByTestId('message-box');
  await box.fill(COMMAND);
  await box.press('Enter');
  const root = message(page, 'Aurora scale-up · prod-db');
  await root.waitFor({ timeout: timeoutMs });
  const rootTs = (await root.getAttribute('data-ts')) ?? '';
  const plan = message(page, 'Plan for prod-db');
  await plan.waitFor({ timeout: timeoutMs });
  mark('plan shown');

  const firstGate = GATES[0] ?? '';
  const firstPromptTs = await approve(page, firstGate, timeoutMs);
  const firstPrompt = page.locator(`[data-testid="message"][data-ts="${firstPromptTs}"]`);
  const refusal = page
    .locator('[data-testid="message"][data-ephemeral="true"]')
    .filter({ hasText: 'two-person rule' })
    .last();
  await refusal.waitFor({ timeout: timeoutMs });
  mark('alice refused');
  const texts = {
    plan: await visibleText(plan),
    firstPrompt: await visibleText(firstPrompt),
    refusal: await visibleText(refusal),
    decisions: [] as string[],
    outageReport: '',
    summary: '',
  };

  await switchUser(page, 'U0BOB', timeoutMs);
  for (const gate of GATES) {
    const ts = await approve(page, gate, timeoutMs);
    mark(`bob approved: ${gate}`);
    const decided = page
      .locator(`[data-testid="message"][data-ts="${ts}"]`)
      .filter({ hasText: 'Approved by @bob' });
    await decided.waitFor({ timeout: timeoutMs });
    texts.decisions.push(await visibleText(decided));
    if (gate === 'Switch production to green') {
      const report = message(page, /Measured outage · Step \d+\/\d+: Switch over to green/);
      await report.waitFor({ timeout: timeoutMs });
      texts.outageReport = await visibleText(report);
      mark('switchover outage report');
    }
  }
  const summary = message(page, 'prod-db now runs db.r6g.2xlarge');
  await summary.waitFor({ timeout: timeoutMs });
  texts.summary = await visibleText(summary);
  mark('summary');
  return { texts, rootTs, elapsedMs: Date.now() - started };
}

/**
 * Saves the end of the run's thread, from the switchover's measured outage to the final
 * summary, as a PNG: the viewport is made tall enough that nothing scrolls, then clipped.
 */
export async function screenshotThreadEnd(page: Page, path: string, width = 1300): Promise<void> {
  const list = page.getByTestId('message-list');
  const overflow = await list.evaluate((el) => el.scrollHeight - el.clientHeight);
  const height = page.viewportSize()?.height ?? 900;
  await page.setViewportSize({ width, height: height + Math.max(0, overflow) + 40 });
  const report = await message(
    page,
    /Measured outage · Step \d+\/\d+: Switch over to green/,
  ).boundingBox();
  const summary = await message(page, 'prod-db now runs db.r6g.2xlarge').boundingBox();
  if (!report || !summary) throw new Error('the outage report or the summary is not on the page');
  const top = report.y - 8;
  await page.screenshot({
    path,
    clip: {
      x: report.x,
      y: top,
      width: report.width,
      height: summary.y + summary.height + 8 - top,
    },
  });
}

/** The writer outage as written in a probe report, e.g. `23.4 s`, or undefined. */
export function writerOutage(report: string): string | undefined {
  return /Writer\s+\S+: unavailable ([\d.]+ ?\w+)/.exec(report)?.[1];
}
