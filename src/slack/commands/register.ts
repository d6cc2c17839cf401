/**
 * The `/aurora` listener: parse, validate and enqueue within the ack budget, answer in the ack
 * (ephemeral), and only then do slow work (AWS) whose result goes through response_url.
 */
import type { App, RespondFn } from '@slack/bolt';
import { describeError, UnavailableError } from '../../errors.js';
import { problemReply } from '../blocks/reply.js';
import type { SlackMessage } from '../blocks/types.js';
import type { FrontDeps } from '../front-deps.js';
import { parseCommand } from './parse.js';
import type { CommandReply } from './reply-types.js';
import { runCommand } from './run-command.js';

/** Slack gives 3 s; keep a margin for the network. */
export const ACK_BUDGET_MS = 2500;

/** Matches `/aurora`, and `/aurora-<suffix>` for a second (e.g. staging) app. */
export const COMMAND_PATTERN = /^\/aurora(-[a-z0-9-]+)?$/;

function failureReply(error: unknown): SlackMessage {
  if (error instanceof UnavailableError) return problemReply(error.message, error.hint);
  return problemReply(
    `Something went wrong: ${describeError(error)}`,
    'Try again; if it persists, the bot logs have details.',
  );
}

async function sendLater(
  respond: RespondFn,
  message: SlackMessage,
  deps: FrontDeps,
): Promise<void> {
  try {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not send a late answer through response_url');
  }
}

export function registerCommands(app: App, deps: FrontDeps): void {
  app.command(COMMAND_PATTERN, async ({ command, ack, respond }) => {
    const parsed = parseCommand(command.text);
    const ctx = {
      deps,
      actor: { id: command.user_id, name: command.user_name, via: 'slack' as const },
      channel: command.channel_id,
    };
    const work = runCommand(ctx, parsed).catch((error: unknown): CommandReply => {
      deps.logger.error({ err: error, command: parsed.kind }, 'slash command failed');
      return { message: failureReply(error) };
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ACK_BUDGET_MS);
    });
    const reply = await Promise.race([work, late]);
    clearTimeout(timer);
    if (reply === 'late') {
      await ack({
        response_type: 'ephemeral',
        text: '⏳ Working on it; the answer follows in a moment.',
      });
      await sendLater(respond, (await work).message, deps);
      return;
    }
    await ack({
      response_type: 'ephemeral',
      text: reply.message.text,
      blocks: reply.message.blocks,
    });
    deps.logger.info(
      { command: parsed.kind, user: command.user_id, enqueued: reply.enqueued === true },
      'slash command answered',
    );
    if (reply.followUp) {
      const message = await reply.followUp().catch((error: unknown) => failureReply(error));
      if (message) await sendLater(respond, message, deps);
    }
  });
}
