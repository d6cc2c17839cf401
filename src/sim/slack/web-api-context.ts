import type { MessageStore } from './message-store.js';
import type { SimBotIdentity, SimChannel, SimMessage, SlackWorkspace } from './types.js';

/** What every Web API method handler may read and change. */
export interface WebApiContext {
  workspace: SlackWorkspace;
  bot: SimBotIdentity;
  store: MessageStore;
  /** The stand-in's own base URL (auth.test's `url`). */
  baseUrl: string;
  now: () => number;
}

/** Arguments as they arrive: form strings, or JSON values when the body was JSON. */
export type WebApiArgs = Record<string, unknown>;

/** A Web API answer body: `{ok:true,…}` or `{ok:false,error}`. */
export type WebApiBody = { ok: boolean; error?: string } & Record<string, unknown>;

export type WebApiMethod = (args: WebApiArgs, ctx: WebApiContext) => WebApiBody;

export const fail = (error: string, extra: Record<string, unknown> = {}): WebApiBody => ({
  ok: false,
  error,
  ...extra,
});

export function argString(args: WebApiArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The SDK sends booleans as `true`/`false` strings in forms. */
export function argBool(args: WebApiArgs, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Accepts a channel ID or a name with or without `#`, as Slack does. */
export function resolveChannel(
  ctx: WebApiContext,
  ref: string | undefined,
): SimChannel | undefined {
  if (ref === undefined) return undefined;
  const name = ref.replace(/^#/, '');
  return ctx.workspace.channels.find((c) => c.id === ref || c.name === name);
}

/** A stored message in Slack's wire shape (conversations.history, chat.* answers, payloads). */
export function toWireMessage(message: SimMessage, ctx: WebApiContext): Record<string, unknown> {
  return {
    type: 'message',
    ...(message.replyBroadcast ? { subtype: 'thread_broadcast' } : {}),
    ts: message.ts,
    user: message.user,
    ...(message.botId ? { bot_id: message.botId, app_id: ctx.bot.appId } : {}),
    team: ctx.workspace.teamId,
    text: message.text,
    blocks: message.blocks,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.threadTs === undefined && message.replies.length > 0
      ? {
          thread_ts: message.ts,
          reply_count: message.replies.filter((r) => !r.ephemeral).length,
        }
      : {}),
    ...(message.editedAt === undefined
      ? {}
      : { edited: { user: message.user, ts: (message.editedAt / 1000).toFixed(6) } }),
  };
}
