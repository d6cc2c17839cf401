/**
 * The form body of a button click (`payload=<block_actions JSON>`) in the shape Slack sends, for
 * scenarios that sign (or forge) and send clicks themselves.
 */
import { defaultWorkspace } from '../../src/sim/slack/index.js';
import { CHANNEL } from './slack-rig.js';

const workspace = defaultWorkspace();

export function blockActionsPayload(args: {
  user: string;
  actionId: string;
  value: unknown;
  /** The clicked message. */
  messageTs: string;
}): Record<string, unknown> {
  const user = workspace.users.find((u) => u.id === args.user);
  return {
    type: 'block_actions',
    user: {
      id: args.user,
      username: user?.name ?? 'x',
      name: user?.name ?? 'x',
      team_id: workspace.teamId,
    },
    api_app_id: workspace.bot?.appId,
    token: 'sim-verification-token',
    container: {
      type: 'message',
      message_ts: args.messageTs,
      channel_id: CHANNEL,
      is_ephemeral: false,
    },
    trigger_id: `${Date.now()}.1.bench`,
    team: { id: workspace.teamId, domain: workspace.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: CHANNEL, name: 'ops' },
    message: { type: 'message', ts: args.messageTs, text: 'prompt', blocks: [] },
    state: { values: {} },
    response_url: 'http://127.0.0.1:9/response/none',
    actions: [
      {
        type: 'button',
        action_id: args.actionId,
        block_id: 'gate',
        text: { type: 'plain_text', text: 'Approve' },
        value: args.value,
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
}

/** `payload=<JSON>` form encoding of a payload object (or of raw text, for malformed JSON). */
export function payloadBody(payload: Record<string, unknown> | string): string {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return new URLSearchParams({ payload: text }).toString();
}
