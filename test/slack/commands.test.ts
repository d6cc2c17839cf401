import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotAnswer } from '../../src/sim/slack/index.js';
import { type FrontHarness, startFront } from './helpers/front-harness.js';

let h: FrontHarness;

beforeAll(async () => {
  // why: `clusters` asks AWS after the ack; point the SDK at a closed port so that fails fast.
  process.env.AWS_ENDPOINT_URL_RDS = 'http://127.0.0.1:9';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
  h = await startFront();
});
afterAll(async () => {
  await h?.close();
});

function body(answer: BotAnswer): { response_type?: string; text: string; blocks?: unknown[] } {
  expect(answer.status).toBe(200);
  const b = answer.body as { response_type?: string; text?: string; blocks?: unknown[] };
  expect(b.response_type).toBe('ephemeral');
  return { ...b, text: `${b.text ?? ''}\n${JSON.stringify(b.blocks ?? [])}` };
}

async function command(text: string, user = 'U0ALICE') {
  return body(await h.sim.sendCommand({ user, text, channel: 'C0OPS' }));
}

function slashBody(text: string, user = 'U0ALICE'): string {
  return new URLSearchParams({
    token: 'x',
    team_id: 'T0SIM',
    team_domain: 'aurora-sim',
    channel_id: 'C0OPS',
    channel_name: 'ops',
    user_id: user,
    user_name: 'alice',
    command: '/aurora',
    text,
    api_app_id: 'A0AURORA',
    is_enterprise_install: 'false',
    response_url: `${h.sim.url}response/none`,
    trigger_id: '1.2.3',
  }).toString();
}

describe('/aurora commands over signed HTTP', () => {
  it('when asked for help or something unknown, then every command is listed ephemerally', async () => {
    expect((await command('help')).text).toContain('/aurora scaleup');
    const unknown = await command('frobnicate now');
    expect(unknown.text).toContain("I don't know `frobnicate`");
    expect((await command('')).text).toContain('/aurora audit');
  });

  it('when input is bad, then the reply says what was wrong and what would be right, and nothing is enqueued', async () => {
    const before = await h.enqueued();
    const cases: [string, string, string][] = [
      ['scaleup nope-db r6g.2xlarge', 'U0ALICE', 'Unknown cluster'],
      ['scaleup prod-db r6g.2xlarg', 'U0ALICE', 'is not an Aurora MySQL instance class'],
      ['scaleup prod-db', 'U0ALICE', 'needs a cluster and an instance class'],
      ['scaleup prod-db r6g.2xlarge strategy=yolo', 'U0ALICE', 'is not a strategy'],
      ['scaleup prod-db r6g.2xlarge', 'U0CAROL', 'you are not allowed to start runs on prod-db'],
      ['cancel', 'U0ALICE', 'Usage: /aurora cancel &lt;run-id&gt;'],
      ['audit r-nope-0000', 'U0ALICE', 'No run'],
      ['status r-nope-0000', 'U0ALICE', 'neither a run id nor a configured cluster'],
    ];
    for (const [text, user, expected] of cases) {
      expect((await command(text, user)).text, text).toContain(expected);
    }
    expect(await h.enqueued()).toEqual(before);
  });

  it('when a requester asks for a scale-up, then the run is queued, answered with its id, and a second one is refused as busy', async () => {
    const before = await h.enqueued();
    const reply = await command('scaleup prod-db r6g.2xlarge');
    expect(reply.text).toContain('Queued scale-up of `prod-db` → `db.r6g.2xlarge` via *bluegreen*');
    const runId = /Run `(r-[a-z0-9-]+)`/.exec(reply.text)?.[1];
    expect(runId).toBeDefined();
    expect(await h.enqueued()).toEqual({ runJobs: before.runJobs + 1, runs: before.runs + 1 });
    const busy = await command('SCALEUP Prod-DB db.r6g.4xlarge strategy=failover', 'U0BOB');
    expect(busy.text).toContain(`already has a live run: ${runId} (queued)`);
    expect(await h.enqueued()).toEqual({ runJobs: before.runJobs + 1, runs: before.runs + 1 });

    const isRoot = (m: { ephemeral: boolean; blocks: unknown[] }) =>
      !m.ephemeral && JSON.stringify(m.blocks).includes(`\`${runId}\``);
    const root = (await h.waitForMessages((m) => m.some(isRoot))).find(isRoot);
    expect(root?.text).toContain(
      'Scale-up of prod-db to db.r6g.2xlarge (bluegreen) requested by <@U0ALICE>',
    );

    expect((await command(`status ${runId}`)).text).toContain('`prod-db`');
    expect((await command('status prod-db')).text).toContain(runId);
    expect((await command('list')).text).toContain(runId);
    const audit = await command(`audit ${runId}`);
    expect(audit.text.indexOf('hash chain intact')).toBeLessThan(
      audit.text.indexOf('run created by alice (U0ALICE)'),
    );

    expect((await command(`cancel ${runId}`, 'U0CAROL')).text).toContain(
      'Not cancelled: only the requester or an approver',
    );
    expect((await command(`cancel ${runId}`, 'U0ALICE')).text).toContain(`Cancelling ${runId}`);
    const entries = await h.bot.engine.audit(runId ?? '');
    expect(entries.map((e) => e.event.type)).toEqual(['run.created', 'cancel.requested']);
  });

  it('when a plan is asked for, then a dry run is queued without taking the cluster', async () => {
    const reply = await command('plan staging-db r6g.large', 'U0CAROL');
    expect(reply.text).toContain('Planning `staging-db` → `db.r6g.large`');
    expect((await command('plan staging-db r6g.large', 'U0CAROL')).text).toContain('Planning');
  });

  it('when clusters are listed, then the configured list comes in the ack and the live state after it', async () => {
    const reply = await command('clusters');
    expect(reply.text).toContain('`prod-db` → prod-db (ap-northeast-2, production)');
    expect(reply.text).toContain('Asking AWS');
    const messages = await h.waitForMessages(
      (m) =>
        m.some((x) => x.ephemeral && JSON.stringify(x.blocks).includes('live state unavailable')),
      30_000,
    );
    expect(messages.length).toBeGreaterThan(0);
  });

  it('when a request is forged or stale, then Bolt answers 401 and nothing is enqueued', async () => {
    const before = await h.enqueued();
    const forged = await h.sim.sendSigned({
      body: slashBody('plan staging-db r6g.large'),
      secret: 'not-the-secret',
    });
    expect(forged.status).toBe(401);
    const stale = await h.sim.sendSigned({
      body: slashBody('plan staging-db r6g.large'),
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(stale.status).toBe(401);
    const fresh = await h.sim.sendSigned({
      body: slashBody('help'),
      timestamp: Math.floor(Date.now() / 1000) - 200,
    });
    expect(fresh.status).toBe(200);
    expect(await h.enqueued()).toEqual(before);
  });

  it('when a signed body carries a payload that is not a JSON object, then it is refused with 400 and the bot keeps serving', async () => {
    for (const payload of ['null', '7', '"x"', '[1,2]']) {
      const answer = await h.sim.sendSigned({ body: new URLSearchParams({ payload }).toString() });
      expect(answer.status).toBe(400);
    }
    expect((await command('help')).text).toContain('/aurora scaleup');
  });

  it('when someone types a prototype name as the cluster, then it is an unknown cluster', async () => {
    expect((await command('scaleup __proto__ r6g.2xlarge')).text).toContain('Unknown cluster');
    expect((await command('status constructor')).text).not.toContain('Something went wrong');
  });

  it('when 500 random command texts arrive, then every one is answered and runs are created only for valid ones', async () => {
    const words = [
      'scaleup',
      'plan',
      'status',
      'list',
      'cancel',
      'audit',
      'clusters-x',
      'help',
      'staging-db',
      'prod-db',
      'nope',
      'r6g.large',
      'r9z.huge',
      'strategy=failover',
      'strategy=x',
      '<@U1>',
      '&amp;',
      '*',
      '`',
      'é😀',
      'r-abc-0000',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const texts = Array.from({ length: 500 }, () =>
      Array.from(
        { length: Math.floor(random() * 5) },
        () => words[Math.floor(random() * words.length)],
      ).join(' '),
    );
    const before = await h.enqueued();
    let queued = 0;
    for (let i = 0; i < texts.length; i += 10) {
      const answers = await Promise.all(
        texts
          .slice(i, i + 10)
          .map((text) => h.sim.sendCommand({ user: 'U0BOB', text, channel: 'C0OPS' })),
      );
      for (const answer of answers) {
        const b = body(answer);
        expect(b.text.trim().length).toBeGreaterThan(5);
        expect(b.text).not.toContain('Something went wrong');
        if (/Queued scale-up|Planning/.test(b.text)) queued += 1;
      }
    }
    const after = await h.enqueued();
    expect(after.runs - before.runs).toBe(queued);
    expect(after.runJobs - before.runJobs).toBe(queued);
  });

  it('when 100 commands arrive at once, then all are acknowledged within 3 s', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h.sim
          .sendCommand({
            user: 'U0BOB',
            text: ['help', 'list', 'plan staging-db r6g.large', 'status prod-db'][i % 4] ?? 'help',
            channel: 'C0OPS',
          })
          .then((a) => ({ a, ms: Date.now() - started })),
      ),
    );
    for (const { a } of answers) {
      expect(a.status).toBe(200);
      expect(JSON.stringify(a.body)).not.toContain('Working on it');
    }
    const slowest = Math.max(...answers.map((x) => x.ms));
    console.info(`100 concurrent commands: slowest ack after ${slowest} ms`);
  });
});
