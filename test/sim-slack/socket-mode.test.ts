import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  DEFAULT_SIM_APP_TOKEN,
  DEFAULT_SIM_BOT_TOKEN,
  type SlackSim,
  startSlackSim,
} from '../../src/sim/slack/index.js';

let sim: SlackSim;
beforeEach(async () => {
  sim = await startSlackSim({ signingSecret: 'unused-in-socket-mode' });
});
afterEach(async () => {
  await sim.close();
});

async function openConnection(
  token: string,
): Promise<{ ok: boolean; url?: string; error?: string }> {
  const res = await fetch(`${sim.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as { ok: boolean; url?: string; error?: string };
}

/** Connects as an app would and collects what the stand-in sends. */
async function connect(url: string): Promise<{ ws: WebSocket; received: unknown[] }> {
  const ws = new WebSocket(url);
  const received: unknown[] = [];
  ws.on('message', (data) => received.push(JSON.parse(String(data))));
  await once(ws, 'open');
  return { ws, received };
}

describe('the stand-in in Socket Mode', () => {
  it('when apps.connections.open is called with the bot token or a wrong one, then it is refused as Slack does', async () => {
    expect(await openConnection(DEFAULT_SIM_BOT_TOKEN)).toMatchObject({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect(await openConnection('xapp-wrong')).toMatchObject({ ok: false, error: 'invalid_auth' });
    const res = await fetch(`${sim.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_SIM_APP_TOKEN}` },
    });
    expect(await res.json()).toMatchObject({ ok: false, error: 'not_allowed_token_type' });
  });

  it('when an app connects, then it is greeted with hello, and the URL cannot be used twice', async () => {
    const opened = await openConnection(DEFAULT_SIM_APP_TOKEN);
    expect(opened.ok).toBe(true);
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\?ticket=[0-9a-f]+$/);
    const url = opened.url ?? '';
    const { ws, received } = await connect(url);
    await expect.poll(() => received).toEqual([expect.objectContaining({ type: 'hello' })]);
    const again = new WebSocket(url);
    const [, response] = (await once(again, 'unexpected-response')) as [
      unknown,
      { statusCode: number },
    ];
    expect(response.statusCode).toBe(401);
    ws.close();
  });

  it('when the connection closes before the app acknowledges, then the command fails at once, saying so', async () => {
    const { ws, received } = await connect((await openConnection(DEFAULT_SIM_APP_TOKEN)).url ?? '');
    const sent = sim.sendCommand({ user: 'U0ALICE', text: 'help' });
    await expect.poll(() => received.length).toBe(2);
    ws.close();
    await expect(sent).rejects.toThrow(/closed before it acknowledged/);
  });

  it('when a person types a command or clicks, then the app gets an envelope and its acknowledgement is the answer', async () => {
    const { ws, received } = await connect((await openConnection(DEFAULT_SIM_APP_TOKEN)).url ?? '');
    ws.on('message', (data) => {
      const envelope = JSON.parse(String(data)) as { envelope_id?: string; type: string };
      if (envelope.envelope_id)
        ws.send(
          JSON.stringify({
            envelope_id: envelope.envelope_id,
            payload: { response_type: 'ephemeral', text: `got ${envelope.type}` },
          }),
        );
    });
    const answer = await sim.sendCommand({ user: 'U0ALICE', text: 'help' });
    expect(answer).toEqual({
      status: 200,
      body: { response_type: 'ephemeral', text: 'got slash_commands' },
    });
    expect(received[1]).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/aurora', text: 'help', user_id: 'U0ALICE', channel_id: 'C0OPS' },
    });
    expect(sim.messages('C0OPS').some((m) => m.text === 'got slash_commands')).toBe(true);
    ws.close();
    await once(ws, 'close');
    await expect
      .poll(() => sim.sendCommand({ user: 'U0ALICE', text: 'help' }).catch((e: Error) => e.message))
      .toMatch(/does not know where the bot is/);
  });
});
