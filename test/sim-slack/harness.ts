/**
 * A real @slack/bolt app (HTTP receiver, port 0) wired to a Slack stand-in, with a tiny
 * test-only command and action handler. Everything crosses real HTTP both ways.
 */
import type { AddressInfo } from 'node:net';
import { App, type BlockAction, LogLevel, type SlashCommand } from '@slack/bolt';
import { type SlackSim, startSlackSim } from '../../src/sim/slack/index.js';

export const SECRET = 'test-signing-secret';
export const TOKEN = 'xoxb-sim-token';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** The plan message: every block type the bot uses, and a gate with a confirm dialog. */
export const PLAN_BLOCKS = [
  { type: 'header', text: plain('Scale-up plan: prod-db') },
  {
    type: 'section',
    text: mrkdwn('*Requested by* <@U0ALICE> for <!subteam^S0DBLEADS> · `r6g.2xlarge`'),
    fields: [mrkdwn('*Cluster*\nprod-db'), mrkdwn('*Strategy*\nblue/green')],
  },
  { type: 'context', elements: [mrkdwn('step 1 of 6 · <https://example.com/runbook|runbook>')] },
  { type: 'divider' },
  {
    type: 'actions',
    block_id: 'gate-wf1-switchover',
    elements: [
      {
        type: 'button',
        action_id: 'approve',
        value: '{"wf":"wf1","step":"switchover"}',
        style: 'primary',
        text: plain('Approve switchover'),
        confirm: {
          title: plain('Switch over prod-db?'),
          text: mrkdwn('Writes stop for *about 30 s*.'),
          confirm: plain('Switch over'),
          deny: plain('Not yet'),
          style: 'danger',
        },
      },
      { type: 'button', action_id: 'reject', value: 'wf1', style: 'danger', text: plain('Reject') },
    ],
  },
];

export interface Harness {
  sim: SlackSim;
  app: App;
  botUrl: string;
  commands: SlashCommand[];
  actions: BlockAction[];
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sim = await startSlackSim({ signingSecret: SECRET, botToken: TOKEN });
  const commands: SlashCommand[] = [];
  const actions: BlockAction[] = [];
  const app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/aurora', async ({ command, ack, client, respond }) => {
    commands.push(command);
    const [verb] = command.text.split(' ');
    await ack({ response_type: 'ephemeral', text: `queued: ${command.text}` });
    if (verb === 'plan') {
      const root = await client.chat.postMessage({
        channel: command.channel_id,
        text: 'Scale-up plan for prod-db',
        blocks: PLAN_BLOCKS,
      });
      await client.chat.postMessage({
        channel: command.channel_id,
        thread_ts: root.ts ?? '',
        reply_broadcast: true,
        text: 'Waiting for an approver from <!subteam^S0DBLEADS>',
      });
      await client.chat.postEphemeral({
        channel: command.channel_id,
        user: command.user_id,
        thread_ts: root.ts ?? '',
        text: 'Only you can approve nothing here',
      });
    }
    if (verb === 'respond') {
      await respond({ response_type: 'in_channel', text: 'answered through the response_url' });
    }
  });
  app.action<BlockAction>('approve', async ({ ack, body, client, respond }) => {
    await ack();
    actions.push(body);
    const ts = body.message?.ts ?? '';
    await client.chat.update({
      channel: body.channel?.id ?? '',
      ts,
      text: 'Switchover approved',
      blocks: [
        { type: 'section', text: mrkdwn(`:white_check_mark: Approved by <@${body.user.id}>`) },
      ],
    });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Thanks, starting.',
    });
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sim.setBotUrl(botUrl);
  // The App constructor calls auth.test without waiting; let it land so tests count from here.
  await waitFor(() => sim.calls().some((c) => c.method === 'auth.test'));
  return {
    sim,
    app,
    botUrl,
    commands,
    actions,
    close: async () => {
      await app.stop();
      await sim.close();
    },
  };
}

/** Polls `probe` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
