import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/sim/slack/index.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { auditExportMessage } from '../../src/slack/blocks/audit-export.js';
import { clustersMessage } from '../../src/slack/blocks/clusters.js';
import { decisionMessage, gateClosedMessage } from '../../src/slack/blocks/decision.js';
import { errorMessage } from '../../src/slack/blocks/error.js';
import { gatePromptMessage } from '../../src/slack/blocks/gate-prompt.js';
import { helpMessage } from '../../src/slack/blocks/help.js';
import { LIMITS } from '../../src/slack/blocks/limits.js';
import { planMessage } from '../../src/slack/blocks/plan.js';
import { probeReportMessage } from '../../src/slack/blocks/probe-report.js';
import { progressMessage } from '../../src/slack/blocks/progress.js';
import { rootMessage } from '../../src/slack/blocks/root.js';
import { runListMessage } from '../../src/slack/blocks/run-list.js';
import { stepFinishedMessage } from '../../src/slack/blocks/step-finished.js';
import { stepStartedMessage } from '../../src/slack/blocks/step-started.js';
import { summaryMessage } from '../../src/slack/blocks/summary.js';
import { refusedNote } from '../../src/slack/blocks/thread-notes.js';
import type { Block, SlackMessage } from '../../src/slack/blocks/types.js';
import { parseGateValue } from '../../src/slack/gate-value.js';
import { type EngineEvent, UNCONFIRMED_REQUEST_ID } from '../../src/workflow/types.js';
import {
  aClusterConfig,
  aGate,
  aPlan,
  aProbeReport,
  aRun,
  entriesOf,
  T0,
} from './helpers/fixtures.js';

/** Every mrkdwn/plain text in a message, joined, to search in. */
function allText(message: SlackMessage): string {
  return [message.text, JSON.stringify(message.blocks)].join('\n');
}

function texts(blocks: Block[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(blocks);
  return out;
}

function expectValid(message: SlackMessage): void {
  expect(validateBlocks(message.blocks)).toEqual([]);
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.text);
  for (const t of texts(message.blocks)) expect(t.length).toBeLessThanOrEqual(LIMITS.text);
}

const EVIL = 'x <!channel> & <@U0EVIL> <https://evil|click>';

describe('root message', () => {
  it('when a run is in progress, then it shows cluster, classes, requester, run id and a live checklist', () => {
    const run = aRun({ plan: aPlan() });
    const m = rootMessage(run, T0 + 65_000);
    expectValid(m);
    const all = texts(m.blocks).join('\n');
    expect(all).toContain('`prod-db`');
    expect(all).toContain('`db.r6g.large` → `db.r6g.2xlarge`');
    expect(all).toContain('<@U0ALICE>');
    expect(all).toContain('`r-mfa1k2x3-7q2z`');
    expect(all).toContain('✅ 1. Preflight checks · 2.1 s');
    expect(all).toContain(
      '⏳ 2. Create the green environment · 1 min 2 s so far · _green 60% (3/5 tasks)_',
    );
    expect(all).toContain('◻️ 3. Switch over to green');
  });

  it('when a step note carries markup, then it is escaped', () => {
    const run = aRun();
    const step = run.steps[1];
    if (step) step.note = EVIL;
    const all = allText(rootMessage(run, T0));
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt; &amp; &lt;@U0EVIL&gt;');
  });

  it('when a run has very many steps, then the message still fits Block Kit limits', () => {
    const base = aRun();
    const steps = Array.from({ length: 400 }, (_, i) => ({
      ...base.steps[0],
      title: `step ${i} ${'long '.repeat(20)}`,
    })) as typeof base.steps;
    const m = rootMessage({ ...base, steps }, T0);
    expectValid(m);
    expect(allText(m)).toContain('more line(s) not shown');
  });

  it('when the run waits for approval, then the root says so', () => {
    const m = rootMessage(aRun({ status: 'awaiting_approval', gate: aGate() }), T0);
    expect(allText(m)).toContain('Waiting for approval: *Switch over to green*');
  });
});

describe('plan and step messages', () => {
  it('when a dry run plan is shown, then it lists steps with gates and says how to run it for real', () => {
    const run = aRun({ options: { ...aRun().options, dryRun: true } });
    const m = planMessage(run, aPlan({ warnings: ['the writer <is> & busy'] }));
    expectValid(m);
    const all = texts(m.blocks).join('\n');
    expect(all).toContain('2. *Switch over to green* (🔐 needs approval, ⚠️ disruptive)');
    expect(all).toContain('*Expected outage:* about 30 s at switchover');
    expect(all).toContain('the writer &lt;is&gt; &amp; busy');
    expect(all).toContain('/aurora scaleup prod-db db.r6g.2xlarge strategy=bluegreen');
  });

  it('when a step finishes, then its AWS request ids are folded into the one reply', () => {
    const calls = [
      {
        type: 'aws.call',
        step: 'create-green',
        action: 'CreateBlueGreenDeployment',
        target: 'prod-db',
        requestId: 'req-1',
      } as const,
    ];
    const m = stepFinishedMessage(
      aRun(),
      {
        type: 'step.finished',
        step: 'create-green',
        title: 'Create the green environment',
        durationMs: 3_120_000,
      },
      calls,
    );
    expectValid(m);
    const all = texts(m.blocks).join('\n');
    expect(all).toContain('✅ *Step 2/3: Create the green environment* finished in 52 min');
    expect(all).toContain('CreateBlueGreenDeployment `prod-db` · request id `req-1`');
  });

  it('when a call was sent but its answer never recorded, then the reply says so instead of a request id', () => {
    const m = stepFinishedMessage(
      aRun(),
      { type: 'step.finished', step: 'switchover', title: 'Switch over', durationMs: 40_000 },
      [
        {
          type: 'aws.call',
          step: 'switchover',
          action: 'SwitchoverBlueGreenDeployment',
          target: 'prod-db-to-r6g',
          requestId: UNCONFIRMED_REQUEST_ID,
        },
      ],
    );
    expectValid(m);
    const all = texts(m.blocks).join('\n');
    expect(all).toContain('SwitchoverBlueGreenDeployment `prod-db-to-r6g` · ⚠️ sent, but no answer');
    expect(all).not.toContain('request id');
  });

  it('when a step made many AWS calls, then the list is cut with a pointer to the audit', () => {
    const calls = Array.from(
      { length: 45 },
      (_, i) =>
        ({
          type: 'aws.call',
          step: 'create-green',
          action: 'ModifyDBInstance',
          target: `i-${i}`,
          requestId: `req-${i}`,
        }) as const,
    );
    const m = stepFinishedMessage(
      aRun(),
      { type: 'step.finished', step: 'create-green', title: 'x', durationMs: 1000 },
      calls,
    );
    expectValid(m);
    expect(allText(m)).toContain('and 25 more');
    expect(allText(m)).not.toContain('req-44');
  });

  it('when a step is skipped, then the reply says why', () => {
    const m = stepFinishedMessage(
      aRun(),
      {
        type: 'step.finished',
        step: 'preflight',
        title: 'Preflight checks',
        durationMs: 0,
        skipped: 'already <done>',
      },
      [],
    );
    expect(texts(m.blocks)).toEqual([
      '⏭️ *Step 1/3: Preflight checks* skipped: already &lt;done&gt;',
    ]);
  });

  it('when a step starts or reports progress, then one short line names it', () => {
    expect(
      texts(
        stepStartedMessage(aRun(), {
          type: 'step.started',
          step: 'switchover',
          title: 'Switch over to green',
        }).blocks,
      ),
    ).toEqual(['▶️ *Step 3/3: Switch over to green* started']);
    expect(
      texts(
        progressMessage(aRun(), {
          type: 'step.progress',
          step: 'create-green',
          message: 'green 80%',
        }).blocks,
      ),
    ).toEqual(['⏳ *Step 2/3: Create the green environment*: green 80%']);
  });
});

describe('approval prompt', () => {
  const run = aRun({ status: 'awaiting_approval' });
  const gate = aGate();

  it('when a gate opens, then Approve (primary, confirm naming cluster and outage) and Reject (danger) carry run, gate and nonce', () => {
    const m = gatePromptMessage(run, gate, true);
    expectValid(m);
    const actions = m.blocks.find((b) => b.type === 'actions');
    if (actions?.type !== 'actions') throw new Error('no actions block');
    const [approve, reject] = actions.elements;
    if (approve?.type !== 'button' || reject?.type !== 'button')
      throw new Error('buttons expected');
    expect(approve.action_id).toBe(ACTION_IDS.approve);
    expect(approve.style).toBe('primary');
    expect(approve.confirm?.text.text).toContain('prod-db');
    expect(approve.confirm?.text.text).toContain('about 30 s');
    expect(reject.action_id).toBe(ACTION_IDS.reject);
    expect(reject.style).toBe('danger');
    expect(parseGateValue(approve.value)).toEqual({
      runId: run.id,
      gateId: gate.id,
      nonce: gate.nonce,
    });
    expect(allText(m)).toContain('two-person rule');
  });

  it('when the probe cannot reach the database, then the prompt warns that the outage will not be measured', () => {
    expect(allText(gatePromptMessage(run, aGate({ probeReachable: false }), true))).toContain(
      'will *not* be measured',
    );
    expect(
      allText(gatePromptMessage(run, aGate({ probeReachable: 'not-configured' }), false)),
    ).toContain('No probe is configured');
  });

  it('when evidence is long and hostile, then it is escaped and cut to fit', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${EVIL} ${i} ${'y'.repeat(200)}`);
    const m = gatePromptMessage(
      run,
      aGate({ evidence: { lines, digest: 'd' }, title: 'T'.repeat(500) }),
      true,
    );
    expectValid(m);
    expect(allText(m)).not.toContain('<!channel>');
    expect(allText(m)).toContain('185 more');
  });

  it('when decided, then the prompt is rewritten without buttons, in UTC and the approver time zone', () => {
    const decided = decisionMessage(
      run,
      gate,
      { decision: 'approve', actor: { id: 'U0BOB', via: 'slack' }, at: '2026-11-26T14:05:09.000Z' },
      'Europe/Berlin',
    );
    expectValid(decided);
    expect(decided.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(decided)).toContain(
      '✅ Approved by <@U0BOB> at 14:05 UTC (15:05 Europe/Berlin)',
    );
    const rejected = decisionMessage(
      run,
      gate,
      { decision: 'reject', actor: { id: 'U0BOB', via: 'slack' }, at: '2026-11-26T14:05:09.000Z' },
      undefined,
    );
    expect(allText(rejected)).toContain('🚫 Rejected by <@U0BOB> at 14:05 UTC*');
  });

  it('when a prompt can no longer be answered, then it is closed with the reason and no buttons', () => {
    const m = gateClosedMessage(run, gate, 'superseded');
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(m)).toContain('Superseded');
  });

  it('when a click is refused, then the thread note names who and why', () => {
    const m = refusedNote(
      run,
      {
        type: 'gate.refused',
        gateId: 'g',
        step: 'switchover',
        actor: { id: 'U0ALICE', via: 'slack' },
        code: 'not_allowed',
        reason: 'two-person rule',
      },
      '2026-11-26T14:06:00.000Z',
    );
    expect(allText(m)).toContain(
      '⛔ <@U0ALICE> tried to decide Step 3/3: Switch over to green at 14:06 UTC: refused (two-person rule)',
    );
  });
});

describe('probe report, errors and summary', () => {
  it('when a switchover was probed, then writer and reader outage, bounds, lag and writes are reported', () => {
    const m = probeReportMessage(aRun(), 'switchover', aProbeReport());
    expectValid(m);
    const all = texts(m.blocks).join('\n');
    expect(all).toContain(
      '*Writer* `prod-db.cluster-x:3306`: unavailable *27.3 s* in 1 window(s) (true value between 27.2 s and 27.4 s)',
    );
    expect(all).toContain('14:51:30.050 → 14:51:57.350 UTC');
    expect(all).toContain('273 failed op(s) (reset 3, refused 270)');
    expect(all).toContain('*Reader* `prod-db.cluster-ro-x:3306`: no outage observed');
    expect(all).toContain('max replica lag 120 ms');
    expect(all).toContain('*Writes*: 927 acknowledged · lost 0 ✅ · ambiguous 1');
  });

  it('when writes were lost or the endpoint was never reachable, then the report says so loudly', () => {
    const base = aProbeReport();
    const lost = probeReportMessage(aRun(), 'switchover', {
      ...base,
      writes: { ...base.writes, lost: 2 },
    });
    expect(allText(lost)).toContain('❗ *lost 2* acknowledged write(s)');
    const never = probeReportMessage(aRun(), 'switchover', {
      ...base,
      writer: { ...base.writer, baselineEstablished: false, outages: [] },
    });
    expect(allText(never)).toContain('never reachable during the step');
  });

  it('when a step fails, then the error comes with its hint and codes, escaped', () => {
    const m = errorMessage(aRun(), {
      code: 'aws_error',
      message: `boom ${EVIL}`,
      hint: 'check <the> console',
      awsCode: 'InvalidDBClusterStateFault',
      step: 'switchover',
    });
    expectValid(m);
    const all = texts(m.blocks).join('\n');
    expect(all).toContain('❌ *Failed in Step 3/3: Switch over to green*: boom x &lt;!channel&gt;');
    expect(all).toContain('💡 check &lt;the&gt; console');
    expect(all).toContain('AWS `InvalidDBClusterStateFault`');
  });

  it('when a run succeeds, then the summary names the outcome, the decisions and the measured outage', () => {
    const events: EngineEvent[] = [
      {
        type: 'run.created',
        requester: aRun().requester,
        strategy: 'bluegreen',
        targetClass: 'db.r6g.2xlarge',
        dryRun: false,
      },
      {
        type: 'aws.call',
        step: 'switchover',
        action: 'SwitchoverBlueGreenDeployment',
        target: 'bgd-1',
        requestId: 'r1',
      },
      {
        type: 'gate.refused',
        gateId: 'g',
        step: 'switchover',
        actor: { id: 'U0ALICE', via: 'slack' },
        code: 'not_allowed',
        reason: 'two-person rule',
      },
      {
        type: 'gate.decided',
        gateId: 'g',
        step: 'switchover',
        decision: 'approve',
        actor: { id: 'U0BOB', via: 'slack' },
      },
      { type: 'probe.report', step: 'switchover', report: aProbeReport() },
      { type: 'run.finished', status: 'succeeded', summary: 'prod-db now runs db.r6g.2xlarge' },
    ];
    const entries = entriesOf(events);
    const last = entries.at(-1);
    if (last?.event.type !== 'run.finished') throw new Error('fixture');
    const m = summaryMessage(aRun({ status: 'succeeded' }), last.event, entries, last.at);
    expectValid(m);
    const all = texts(m.blocks).join('\n');
    expect(all).toContain('🏁 *`prod-db` now runs `db.r6g.2xlarge`*');
    expect(all).toContain('✅ approved by <@U0BOB> at 14:00 UTC');
    expect(all).toContain('⛔ refused <@U0ALICE> (not_allowed)');
    expect(all).toContain('writer 27.3 s, reader 0 ms, lost writes 0, ambiguous 1');
    expect(all).toContain('1 call(s)');
    expect(all).toContain('/aurora audit r-mfa1k2x3-7q2z');
  });

  it('when a call went unconfirmed, then the summary counts it apart from the confirmed ones', () => {
    const call = {
      type: 'aws.call',
      step: 'modify-writer',
      action: 'ModifyDBInstance',
      target: 'prod-db-instance-1',
    } as const;
    const entries = entriesOf([
      { ...call, requestId: UNCONFIRMED_REQUEST_ID },
      { ...call, requestId: 'r2' },
      { type: 'run.finished', status: 'succeeded', summary: '' },
    ]);
    const last = entries.at(-1);
    if (last?.event.type !== 'run.finished') throw new Error('fixture');
    const all = texts(summaryMessage(aRun(), last.event, entries, last.at).blocks).join('\n');
    expect(all).toContain('*AWS changes*\n1 call(s), 1 unconfirmed');
  });
});

describe('audit export and command answers', () => {
  it('when the chain verifies, then the verification comes first, then one line per entry, then the chain as JSON', () => {
    const entries = entriesOf([
      {
        type: 'run.created',
        requester: aRun().requester,
        strategy: 'bluegreen',
        targetClass: 'db.r6g.2xlarge',
        dryRun: false,
      },
      { type: 'step.started', step: 'preflight', title: 'Preflight <checks>' },
    ]);
    const m = auditExportMessage('r-1', aRun(), entries, { ok: true, entries: 2 });
    expectValid(m);
    const t = texts(m.blocks);
    expect(t[1]).toContain('✔ hash chain intact: 2 entries verified');
    expect(t.join('\n')).toContain(
      '`#1` 14:00:01 step preflight started: Preflight &lt;checks&gt;',
    );
    expect(t.join('\n')).toContain(`"hash":"${entries[1]?.hash}"`);
  });

  it('when the chain is broken and the log is huge, then it says so first and still fits', () => {
    const events: EngineEvent[] = Array.from({ length: 600 }, (_, i) => ({
      type: 'step.progress',
      step: 'create-green',
      message: `progress ${i} ${'z'.repeat(100)}`,
    }));
    const m = auditExportMessage('r-1', undefined, entriesOf(events), {
      ok: false,
      entries: 600,
      brokenAt: 7,
      reason: 'entry 7 was altered',
    });
    expectValid(m);
    expect(texts(m.blocks)[1]).toContain('✘ hash chain BROKEN at entry #7 of 600');
    expect(allText(m)).toContain('npx aurora-bot audit export r-1 --format json');
  });

  it('when help is asked for an unknown word, then the word is escaped and every command is listed', () => {
    const m = helpMessage(['prod-db'], '<@U0EVIL>');
    expectValid(m);
    const all = allText(m);
    expect(all).toContain('&lt;@U0EVIL&gt;');
    for (const sub of ['scaleup', 'plan', 'status', 'list', 'cancel', 'clusters', 'audit', 'help'])
      expect(all).toContain(`/aurora ${sub}`);
  });

  it('when listing runs and clusters, then each gets a line and the messages stay valid', () => {
    expectValid(runListMessage([aRun(), aRun({ id: 'r-2' })]));
    expect(allText(runListMessage([]))).toContain('No live runs');
    const live = new Map([
      ['prod-db', { writerClass: 'db.r6g.large', status: 'available', instances: 2 }],
    ]);
    const m = clustersMessage([aClusterConfig()], live);
    expectValid(m);
    expect(allText(m)).toContain('writer `db.r6g.large`, available, 2 instance(s)');
    expect(allText(m)).toContain('may approve: <@U0BOB> <!subteam^S0DBLEADS>');
  });
});
