/**
 * The demo end to end, the way a newcomer meets it: `aurora-bot demo` started as a process,
 * its page opened in Chromium, a blue/green scale-up of prod-db asked for by alice, refused to
 * her, approved by bob gate after gate, measured and summarised in the thread.
 *
 * UPDATE_SCREENSHOT=1 runs it at the demo's default (realistic) settings instead, about four
 * minutes, and writes the README's picture to docs/screenshots/demo-thread.png.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/net/free-port.js';
import { launchBrowser, screenshotPath } from '../helpers/browser.js';
import { ROOT } from '../helpers/cli.js';
import { type DemoProcess, isAlive, startDemo } from './demo-process.js';
import {
  APPROVE,
  approve,
  type DriveResult,
  driveScaleUp,
  message,
  screenshotThreadEnd,
  switchUser,
  visibleText,
  writerOutage,
} from './drive-demo.js';

const UPDATE_SCREENSHOT = process.env.UPDATE_SCREENSHOT === '1';
// why: at 3000x the AWS waits shrink to a second or two; outages ×0.1 stay measurable (~3 s).
const SPEED = UPDATE_SCREENSHOT
  ? ['--speed', '50', '--outage-scale', '1']
  : ['--speed', '3000', '--outage-scale', '0.1'];
const WAIT_MS = UPDATE_SCREENSHOT ? 240_000 : 30_000;
const FLOW_MS = UPDATE_SCREENSHOT ? 600_000 : 120_000;
const README_SCREENSHOT = join(ROOT, 'docs', 'screenshots', 'demo-thread.png');

let demo: DemoProcess;
let browser: Browser;
let page: Page;
let run: DriveResult | undefined;

beforeAll(async () => {
  const port = await freePort();
  demo = await startDemo(['--port', String(port), ...SPEED], { readyTimeoutMs: 60_000 });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(demo.url);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop(5_000);
  for (const pid of demo?.childPids ?? []) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

async function waitUntilGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pids.filter(isAlive);
}

describe('aurora-bot demo in Chromium', () => {
  it(
    'when alice asks for a blue/green scale-up of prod-db and bob approves every gate, then the page shows the plan, her refusal, his approvals, the measured switchover outage and the summary',
    async () => {
      run = await driveScaleUp(page, { timeoutMs: WAIT_MS });
      const { texts } = run;

      expect(texts.plan).toContain('Plan for prod-db: db.r6g.large → db.r6g.2xlarge via bluegreen');
      expect(texts.plan).toMatch(/Reboot the writer to apply binlog \(🔐 needs approval/);
      expect(texts.plan).toMatch(/Switch over to green \(🔐 needs approval, ⚠️ disruptive\)/);
      expect(texts.firstPrompt).toContain(
        'Approval needed: Reboot the writer on prod-db (production)',
      );
      expect(texts.firstPrompt).toContain('two-person rule: someone else must approve');

      expect(texts.refusal).toContain('Only visible to you');
      expect(texts.refusal).toContain(
        'Not recorded: two-person rule on prod-db: the requester cannot approve their own run',
      );
      // Ephemeral: bob, now viewing, does not see alice's refusal.
      await expect(
        page.locator('[data-ephemeral="true"]').filter({ hasText: 'two-person rule' }).count(),
      ).resolves.toBe(0);

      expect(texts.decisions).toHaveLength(3);
      for (const decided of texts.decisions) {
        expect(decided).toMatch(
          /✅ Approved by @bob at \d\d:\d\d UTC \(\d\d:\d\d Europe\/Berlin\)/,
        );
        expect(decided).not.toContain('Reject');
      }

      expect(texts.outageReport).toMatch(
        /Writer \S+: unavailable [\d.]+ m?s in \d+ window\(s\) \(true value between [\d.]+ m?s and [\d.]+ m?s\)/,
      );
      expect(texts.outageReport).toContain('lost 0 ✅');
      const outage = writerOutage(texts.outageReport);
      expect(outage).toBeDefined();
      expect(Number.parseFloat(outage ?? '0')).toBeGreaterThan(0);

      expect(texts.summary).toContain('prod-db now runs db.r6g.2xlarge');
      expect(texts.summary).toMatch(/Reboot the writer to apply binlog: ⛔ refused @alice/);
      expect(texts.summary.match(/✅ approved by @bob/g)).toHaveLength(3);
      expect(texts.summary).toMatch(
        /Switch over to green: writer [\d.]+ m?s, reader [\d.]+ m?s, lost writes 0/,
      );

      const root = page.locator(`[data-testid="message"][data-ts="${run.rootTs}"]`);
      await root.filter({ hasText: '✅ succeeded' }).waitFor({ timeout: WAIT_MS });
      expect((await visibleText(root)).match(/^✅ \d+\. /gm)).toHaveLength(11);
      await expect(page.getByTestId(APPROVE).count()).resolves.toBe(0);

      const shot = screenshotPath('demo-thread');
      await screenshotThreadEnd(page, shot);
      if (UPDATE_SCREENSHOT) {
        mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
        copyFileSync(shot, README_SCREENSHOT);
      }
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    },
    FLOW_MS,
  );

  it(
    'when the demo gets SIGTERM while a switchover is in progress, then it exits 0 and leaves no bot process behind',
    async () => {
      expect(run, 'needs the finished first run').toBeDefined();
      expect(demo.childPids.length).toBeGreaterThan(0);
      await page.setViewportSize({ width: 1000, height: 900 });
      await switchUser(page, 'U0ALICE', WAIT_MS);
      await page.getByTestId('message-box').fill('/aurora scaleup prod-db r6g.4xlarge');
      await page.getByTestId('message-box').press('Enter');
      await message(page, 'Plan for prod-db: db.r6g.2xlarge → db.r6g.4xlarge').waitFor({
        timeout: WAIT_MS,
      });
      await switchUser(page, 'U0BOB', WAIT_MS);
      // Whatever gates this run has before the switchover (a writer reboot, if any), bob approves.
      for (;;) {
        const ts = await approve(page, /Approval needed: .* on prod-db/, WAIT_MS);
        const decided = page
          .locator(`[data-testid="message"][data-ts="${ts}"]`)
          .filter({ hasText: 'Approved by @bob' });
        await decided.waitFor({ timeout: WAIT_MS });
        if ((await decided.textContent())?.includes('Switch production to green')) break;
      }

      // The worker is now inside the probed switchover step.
      const code = await demo.stop(30_000);
      expect(code, demo.output()).toBe(0);
      expect(demo.output()).toContain('Stopping the demo');
      await expect(waitUntilGone(demo.childPids, 5_000)).resolves.toEqual([]);
    },
    FLOW_MS,
  );
});
