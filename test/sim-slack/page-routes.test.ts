import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackSim, startSlackSim } from '../../src/sim/slack/index.js';

let sim: SlackSim;
beforeEach(async () => {
  sim = await startSlackSim({ signingSecret: 'x' });
});
afterEach(async () => {
  await sim.close();
});

const post = (path: string, body: unknown, type = 'application/json') =>
  fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: JSON.stringify(body),
  });

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('the page’s own endpoints', () => {
  it('when a person types plain text with markup, then it is stored escaped like Slack and shown as text', async () => {
    const res = await post('ui/message', {
      user: 'U0CAROL',
      channel: 'C0OPS',
      text: '<b>hi</b> & *bye*',
    });
    expect(res.status).toBe(200);
    const [message] = sim.messages('C0OPS');
    expect(message).toMatchObject({ user: 'U0CAROL', text: '&lt;b&gt;hi&lt;/b&gt; &amp; *bye*' });
    const html = await (await fetch(`${sim.url}ui/channel?channel=C0OPS&user=U0ALICE`)).text();
    expect(html).toContain('&lt;b&gt;hi&lt;/b&gt; &amp; <strong>bye</strong>');
    expect(html).not.toContain('<b>hi</b>');
  });

  it('when a command is not one of the app’s, then Slack’s answer is shown to the typist and nothing is sent', async () => {
    const res = await post('ui/command', {
      user: 'U0ALICE',
      channel: 'C0OPS',
      text: '/deploy now',
    });
    expect(await res.json()).toEqual({ sent: false });
    expect(sim.messages('C0OPS')[0]).toMatchObject({
      ephemeral: true,
      user: 'U0ALICE',
      text: "/deploy is not a valid command. This app's commands: /aurora.",
    });
  });

  it('when the bot is not reachable, then the page gets 502 and the typist sees dispatch_failed', async () => {
    sim.setBotUrl(`http://127.0.0.1:${await closedPort()}`);
    const res = await post('ui/command', {
      user: 'U0BOB',
      channel: 'C0OPS',
      text: '/aurora status',
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toContain('The bot did not answer');
    expect(sim.messages('C0OPS')[0]).toMatchObject({
      ephemeral: true,
      user: 'U0BOB',
      text: '/aurora failed with the error "dispatch_failed"',
    });
  });

  it('when a page action is posted as a form (a cross-site request), then it is refused', async () => {
    const res = await post(
      'ui/message',
      { user: 'U0ALICE', text: 'x' },
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(400);
    expect(sim.messages('C0OPS')).toHaveLength(0);
  });

  it('when the page is opened as an unknown user, then it falls back to the first user', async () => {
    const html = await (await fetch(`${sim.url}?user=U0NOBODY`)).text();
    expect(html).toContain('data-user="U0ALICE"');
    expect(html).toContain('<option value="U0BOB" data-name="bob">bob (approver)</option>');
  });
});
