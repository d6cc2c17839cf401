import { VERIFICATION_TOKEN } from './build-slash-command.js';
import type { FoundButton } from './find-button.js';
import type { SimBotIdentity, SimChannel, SimMessage, SimUser, SlackWorkspace } from './types.js';

/**
 * The form body Slack posts when a button is clicked: `payload=<JSON>` in the shape of Bolt's
 * `BlockAction`. Ephemeral messages carry no `message`, as in Slack.
 */
export function buildBlockActions(args: {
  workspace: SlackWorkspace;
  bot: SimBotIdentity;
  user: SimUser;
  channel: SimChannel;
  message: SimMessage;
  /** The message as the Web API shows it (Slack's wire shape). */
  wireMessage: Record<string, unknown>;
  button: FoundButton;
  /** Sent instead of the button's own value, when given. */
  value?: string;
  responseUrl: string;
  triggerId: string;
  /** Click time (ms). */
  now: number;
}): string {
  const { workspace, user, channel, message, button } = args;
  const element = button.element;
  const value = args.value ?? (typeof element.value === 'string' ? element.value : undefined);
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: workspace.teamId },
    api_app_id: args.bot.appId,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel.id,
      is_ephemeral: message.ephemeral,
      ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    },
    trigger_id: args.triggerId,
    team: { id: workspace.teamId, domain: workspace.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channel.name },
    ...(message.ephemeral ? {} : { message: args.wireMessage }),
    state: { values: {} },
    response_url: args.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: element.action_id,
        block_id: button.blockId,
        text: element.text,
        ...(value === undefined ? {} : { value }),
        ...(element.style === undefined ? {} : { style: element.style }),
        action_ts: (args.now / 1000).toFixed(6),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
