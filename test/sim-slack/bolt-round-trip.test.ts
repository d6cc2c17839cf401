import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimMessage } from '../../src/sim/slack/index.js';
import { type Harness, PLAN_BLOCKS, startHarness, TOKEN, waitFor } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const page = async (user: string) => (await fetch(`${h.sim.url}?user=${user}`)).text();

/** Runs `/aurora plan` as alice and waits for the root, its reply and the ephemeral note. */
async function plan(): Promise<SimMessage> {
  await h.sim.sendCommand({ user: 'U0ALICE', text: 'plan prod-db' });
  return waitFor(() => {
    const root = h.sim.messages('C0OPS').find((m) => m.text === 'Scale-up plan for prod-db');
    return root && root.replies.length === 2 ? root : undefined;
  });
}

describe('Slack stand-in with a real Bolt app', () => {
  it('when alice sends a signed slash command, then Bolt runs the handler and the ack body comes back and shows to her alone', async () => {
    const answer = await h.sim.sendCommand({ user: 'U0ALICE', text: 'hello there' });
    expect(answer).toEqual({
      status: 200,
      body: { response_type: 'ephemeral', text: 'queued: hello there' },
    });
    expect(h.commands[0]).toMatchObject({
      command: '/aurora',
      text: 'hello there',
      user_id: 'U0ALICE',
      user_name: 'alice',
      channel_id: 'C0OPS',
      channel_name: 'ops',
      team_id: 'T0SIM',
      is_enterprise_install: 'false',
    });
    expect(h.commands[0]?.response_url.startsWith(`${h.sim.url}response/`)).toBe(true);
    const ack = h.sim.messages('C0OPS').find((m) => m.text === 'queued: hello there');
    expect(ack).toMatchObject({ ephemeral: true, user: 'U0ALICE' });
    expect(await page('U0ALICE')).toContain('queued: hello there');
    expect(await page('U0BOB')).not.toContain('queued: hello there');
  });

  it('when a request is signed with the wrong secret or a timestamp over 5 minutes old, then Bolt answers 401 and runs nothing', async () => {
    const body = new URLSearchParams({
      command: '/aurora',
      text: 'x',
      user_id: 'U0ALICE',
    }).toString();
    expect((await h.sim.sendSigned({ body, secret: 'not-the-secret' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect((await h.sim.sendSigned({ body, timestamp: stale })).status).toBe(401);
    expect(h.commands).toHaveLength(0);
  });

  it('when the bot posts a message with blocks, then it is stored and appears on the page with its buttons', async () => {
    const root = await plan();
    expect(root).toMatchObject({
      channel: 'C0OPS',
      user: 'U0AURORA',
      botId: 'B0AURORA',
      ephemeral: false,
    });
    expect(root.blocks).toHaveLength(PLAN_BLOCKS.length);
    // Slack fills in missing block_ids; given ones are kept.
    expect(
      root.blocks.every((b) => typeof (b as { block_id?: unknown }).block_id === 'string'),
    ).toBe(true);
    expect(root.blocks[4]).toMatchObject({ block_id: 'gate-wf1-switchover' });
    const html = await page('U0BOB');
    expect(html).toContain(`data-ts="${root.ts}"`);
    expect(html).toContain('<h3>Scale-up plan: prod-db</h3>');
    expect(html).toContain('data-testid="button-approve"');
    expect(html).toContain('>@db-leads</span>');
    const post = h.sim.calls().find((c) => c.method === 'chat.postMessage');
    expect(post).toMatchObject({
      status: 200,
      ok: true,
      args: { channel: 'C0OPS', team_id: 'T0SIM' },
    });
    expect(Array.isArray(post?.args.blocks)).toBe(true);
    expect(post?.args).not.toHaveProperty('token');
  });

  it('when the bot replies in the thread with reply_broadcast, then the reply is in the thread and also in the channel', async () => {
    const root = await plan();
    const reply = root.replies.find((r) => !r.ephemeral);
    expect(reply).toMatchObject({ threadTs: root.ts, replyBroadcast: true });
    const html = await page('U0CAROL');
    expect(html).toContain(`data-thread-ts="${root.ts}"`);
    expect(html).toContain(`data-broadcast-of="${reply?.ts}"`);
  });

  it('when the bot posts an ephemeral message, then only its user sees it, marked as such', async () => {
    const root = await plan();
    const note = root.replies.find((r) => r.ephemeral);
    expect(note).toMatchObject({ user: 'U0ALICE', text: 'Only you can approve nothing here' });
    const alice = await page('U0ALICE');
    expect(alice).toContain('Only you can approve nothing here');
    expect(alice).toContain('Only visible to you');
    expect(await page('U0BOB')).not.toContain('Only you can approve nothing here');
  });

  it('when bob clicks the approve button, then Bolt accepts the block_actions payload, the message is edited in place and the response_url answers him', async () => {
    const root = await plan();
    const answer = await h.sim.clickButton({ user: 'U0BOB', ts: root.ts, actionId: 'approve' });
    expect(answer.status).toBe(200);
    const body = h.actions[0];
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB', username: 'bob', team_id: 'T0SIM' },
      team: { id: 'T0SIM', domain: 'aurora-sim' },
      channel: { id: 'C0OPS', name: 'ops' },
      container: { type: 'message', message_ts: root.ts, channel_id: 'C0OPS', is_ephemeral: false },
      message: { ts: root.ts, type: 'message', bot_id: 'B0AURORA' },
      actions: [
        {
          type: 'button',
          action_id: 'approve',
          block_id: 'gate-wf1-switchover',
          value: '{"wf":"wf1","step":"switchover"}',
          style: 'primary',
        },
      ],
      api_app_id: 'A0AURORA',
    });
    expect(body?.message?.blocks).toHaveLength(PLAN_BLOCKS.length);
    const edited = await waitFor(() =>
      h.sim.messages('C0OPS').find((m) => m.ts === root.ts && m.text === 'Switchover approved'),
    );
    expect(edited.editedAt).toBeDefined();
    expect(JSON.stringify(edited.blocks)).toContain('Approved by <@U0BOB>');
    expect(edited.replies).toHaveLength(2); // edited in place: the thread stays attached
    const thanks = await waitFor(() =>
      h.sim.messages('C0OPS').find((m) => m.text === 'Thanks, starting.'),
    );
    expect(thanks).toMatchObject({ ephemeral: true, user: 'U0BOB' });
    const html = await page('U0BOB');
    expect(html).toContain(
      '✅ Approved by <span class="mention mention-user" data-id="U0BOB">@bob</span>',
    );
    expect(html).not.toContain('data-testid="button-approve"');
  });

  it('when a click carries a value no button has, then that value is sent as a forged or stale click would be', async () => {
    const root = await plan();
    const answer = await h.sim.clickButton({
      user: 'U0CAROL',
      ts: root.ts,
      actionId: 'approve',
      value: 'stale',
    });
    expect(answer.status).toBe(200);
    expect(h.actions[0]?.actions[0]).toMatchObject({ action_id: 'approve', value: 'stale' });
    // Let the handler finish its own calls before the stand-in closes.
    await waitFor(() => h.sim.messages('C0OPS').find((m) => m.text === 'Thanks, starting.'));
    await expect(
      h.sim.clickButton({ user: 'U0CAROL', ts: root.ts, actionId: 'nope' }),
    ).rejects.toMatchObject({
      code: 'sim_button_not_found',
    });
  });

  it('when a handler answers through the response_url in_channel, then everyone sees it; a used-up or unknown URL is refused', async () => {
    await h.sim.sendCommand({ user: 'U0CAROL', text: 'respond' });
    const posted = await waitFor(() =>
      h.sim.messages('C0OPS').find((m) => m.text === 'answered through the response_url'),
    );
    expect(posted).toMatchObject({ ephemeral: false, user: 'U0AURORA' });
    expect(h.sim.calls().find((c) => c.method === 'response_url')).toMatchObject({
      status: 200,
      ok: true,
    });
    const url = h.commands[0]?.response_url ?? '';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ text: `again ${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 404]); // 5 uses in all, the first by the handler
    const unknown = await fetch(`${h.sim.url}response/nope`, {
      method: 'POST',
      body: '{"text":"x"}',
    });
    expect(unknown.status).toBe(404);
  });

  it('when faults are set, then every Nth Web API call gets 429 with Retry-After or 500, as configured', async () => {
    h.sim.setFaults({ rateLimitEvery: 2, retryAfterSeconds: 7 });
    // A worker-style client: rate limits are reported at once instead of waited out.
    const client = new webApi.WebClient(TOKEN, {
      slackApiUrl: h.sim.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    await client.auth.test();
    const limited = await client.users.info({ user: 'U0ALICE' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(limited).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    expect(h.sim.calls().find((c) => c.method === 'users.info')).toMatchObject({
      status: 429,
      ok: false,
      error: 'ratelimited',
    });
    const raw = await fetch(`${h.sim.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-sim-token' },
    });
    expect(raw.status).toBe(200);
    const raw2 = await fetch(`${h.sim.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-sim-token' },
    });
    expect(raw2.status).toBe(429);
    expect(raw2.headers.get('retry-after')).toBe('7');
    expect(await raw2.json()).toEqual({ ok: false, error: 'ratelimited' });

    h.sim.setFaults({ serverErrorEvery: 1 });
    const failed = await h.app.client.auth.test().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    h.sim.setFaults({});
    await expect(h.app.client.auth.test()).resolves.toMatchObject({
      ok: true,
      user_id: 'U0AURORA',
    });
  }, 30_000);

  it('when the bot calls directory methods or makes mistakes, then Slack answers and error shapes come back', async () => {
    const c = h.app.client;
    expect(await c.auth.test()).toMatchObject({ ok: true, team_id: 'T0SIM', bot_id: 'B0AURORA' });
    const alice = await c.users.info({ user: 'U0ALICE' });
    expect(alice.user).toMatchObject({
      id: 'U0ALICE',
      name: 'alice',
      real_name: 'Alice Kim',
      tz: 'Asia/Seoul',
      tz_offset: 32400,
    });
    const bob = await c.users.info({ user: 'U0BOB' });
    expect([3600, 7200]).toContain(bob.user?.tz_offset);
    expect((await c.usergroups.users.list({ usergroup: 'S0DBLEADS' })).users).toEqual(['U0BOB']);
    expect((await c.conversations.info({ channel: 'C0OPS' })).channel).toMatchObject({
      id: 'C0OPS',
      name: 'ops',
    });
    const error = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: { data?: { error?: string } }) => e.data?.error,
      );
    expect(await error(c.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await error(c.users.info({ user: 'U0NOPE' }))).toBe('user_not_found');
    expect(await error(c.chat.postEphemeral({ channel: 'C0OPS', user: 'U0NOPE', text: 'x' }))).toBe(
      'user_not_found',
    );
    expect(await error(c.chat.update({ channel: 'C0OPS', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await error(c.chat.postMessage({ channel: 'C0OPS', text: 'x', blocks: tooMany }))).toBe(
      'invalid_blocks',
    );
    const long = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
    expect(await error(c.chat.postMessage({ channel: 'C0OPS', text: 'x', blocks: long }))).toBe(
      'invalid_blocks',
    );
    expect(
      await error(c.chat.postMessage({ token: 'xoxb-wrong', channel: 'C0OPS', text: 'x' })),
    ).toBe('invalid_auth');
    const anonymous = await fetch(`${h.sim.apiUrl}auth.test`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('when the bot posts, then the page event stream emits a change event', async () => {
    const controller = new AbortController();
    const res = await fetch(`${h.sim.url}ui/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const first = await reader.read();
    text += decoder.decode(first.value);
    const posted = await h.app.client.chat.postMessage({ channel: 'C0OPS', text: 'hello stream' });
    while (!text.includes('event: change')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    controller.abort();
    expect(text).toContain(
      `event: change\ndata: {"kind":"posted","channel":"C0OPS","ts":"${posted.ts}"}`,
    );
  });
});
