import type { SimBotIdentity, SimChannel, SimUser, SlackWorkspace } from './types.js';

/** The deprecated verification token Slack still sends; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'sim-verification-token';

/** A trigger_id shaped like Slack's (`<digits>.<digits>.<hex>`). */
export function newTriggerId(now: number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join(
    '',
  );
  return `${Math.floor(now)}.${Math.floor(Math.random() * 1e12)}.${hex}`;
}

/** The form body Slack posts for a slash command (field set of Bolt's `SlashCommand`). */
export function buildSlashCommand(args: {
  workspace: SlackWorkspace;
  bot: SimBotIdentity;
  user: SimUser;
  channel: SimChannel;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}): string {
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: args.workspace.teamId,
    team_domain: args.workspace.teamDomain,
    channel_id: args.channel.id,
    channel_name: args.channel.name,
    user_id: args.user.id,
    user_name: args.user.name,
    command: args.command,
    text: args.text,
    api_app_id: args.bot.appId,
    is_enterprise_install: 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId,
  }).toString();
}
