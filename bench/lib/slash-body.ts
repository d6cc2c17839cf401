/**
 * The form body of a slash command exactly as the Slack stand-in builds it (same builder), for
 * scenarios that sign and send raw requests themselves.
 */

import { buildSlashCommand, newTriggerId } from '../../src/sim/slack/build-slash-command.js';
import { defaultWorkspace } from '../../src/sim/slack/index.js';

const workspace = defaultWorkspace();

/**
 * `/aurora <text>` from `user` in #ops. `responseUrl`: where late answers go (the stand-in
 * answers 404 to an id it never issued, which the bot logs and survives).
 */
export function slashBody(args: {
  user: string;
  text: string;
  responseUrl: string;
  command?: string;
}): string {
  // why: a user the workspace does not know is sent as is (a stranger, for policy checks).
  const user = workspace.users.find((u) => u.id === args.user) ?? {
    id: args.user,
    name: args.user.toLowerCase(),
    realName: args.user,
    tz: 'UTC',
  };
  const channel = workspace.channels[0];
  const bot = workspace.bot;
  if (!channel || !bot) throw new Error('the default workspace lacks a channel or a bot');
  return buildSlashCommand({
    workspace,
    bot,
    user,
    channel,
    command: args.command ?? '/aurora',
    text: args.text,
    responseUrl: args.responseUrl,
    triggerId: newTriggerId(Date.now()),
  });
}
