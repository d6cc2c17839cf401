import { validateBlocks } from './validate-blocks.js';
import {
  argBool,
  argString,
  fail,
  resolveChannel,
  toWireMessage,
  type WebApiArgs,
  type WebApiBody,
  type WebApiMethod,
} from './web-api-context.js';

/** Slack truncates longer message text; the API refuses it. */
const MAX_TEXT = 40_000;

/** `blocks` arrive as a JSON string inside the form (or as an array in a JSON body). */
function readBlocks(args: WebApiArgs): { blocks?: unknown[]; error?: WebApiBody } {
  let value = args.blocks;
  if (value === undefined || value === '') return {};
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { error: fail('invalid_blocks_format') };
    }
  }
  if (!Array.isArray(value)) return { error: fail('invalid_blocks_format') };
  const errors = validateBlocks(value);
  if (errors.length > 0) {
    return {
      error: fail('invalid_blocks', {
        errors,
        response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
      }),
    };
  }
  return { blocks: value };
}

/** Text and blocks shared by postMessage and postEphemeral, or the error to answer. */
function readContent(args: WebApiArgs): { text: string; blocks: unknown[] } | WebApiBody {
  const { blocks, error } = readBlocks(args);
  if (error) return error;
  const text = argString(args, 'text') ?? '';
  if (text === '' && (blocks === undefined || blocks.length === 0)) return fail('no_text');
  if (text.length > MAX_TEXT) return fail('msg_too_long');
  return { text, blocks: blocks ?? [] };
}

const postMessage: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  const content = readContent(args);
  if ('ok' in content) return content;
  const threadTs = argString(args, 'thread_ts') || undefined;
  // why: stricter than Slack, which files a reply to an unknown ts where nobody sees it; a
  // test double should surface that bot bug instead.
  const parent = threadTs === undefined ? undefined : ctx.store.find(channel.id, threadTs);
  if (threadTs !== undefined && (parent === undefined || parent.ephemeral)) {
    return fail('thread_not_found');
  }
  const stored = ctx.store.post(channel.id, {
    user: ctx.bot.userId,
    botId: ctx.bot.botId,
    ...content,
    ...(threadTs === undefined ? {} : { threadTs }),
    replyBroadcast: argBool(args, 'reply_broadcast'),
  });
  return { ok: true, channel: channel.id, ts: stored.ts, message: toWireMessage(stored, ctx) };
};

const update: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  const ts = argString(args, 'ts') ?? '';
  const existing = ctx.store.find(channel.id, ts);
  if (existing === undefined || existing.ephemeral) return fail('message_not_found');
  if (existing.user !== ctx.bot.userId) return fail('cant_update_message');
  const { blocks, error } = readBlocks(args);
  if (error) return error;
  const text = argString(args, 'text');
  if (text !== undefined && text.length > MAX_TEXT) return fail('msg_too_long');
  // Like Slack: omitted blocks are kept, `blocks: []` removes them.
  const stored = ctx.store.update(channel.id, ts, {
    ...(text === undefined ? {} : { text }),
    ...(blocks === undefined ? {} : { blocks }),
  });
  if (stored === undefined) return fail('message_not_found');
  return {
    ok: true,
    channel: channel.id,
    ts,
    text: stored.text,
    message: toWireMessage(stored, ctx),
  };
};

const postEphemeral: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  const userId = argString(args, 'user');
  if (!ctx.workspace.users.some((u) => u.id === userId) || userId === undefined) {
    return fail('user_not_found');
  }
  const content = readContent(args);
  if ('ok' in content) return content;
  const threadTs = argString(args, 'thread_ts') || undefined;
  const inThread = threadTs !== undefined && ctx.store.find(channel.id, threadTs) !== undefined;
  const stored = ctx.store.post(channel.id, {
    user: userId,
    botId: ctx.bot.botId,
    ...content,
    ...(inThread ? { threadTs } : {}),
    ephemeral: true,
  });
  return { ok: true, message_ts: stored.ts };
};

const deleteMessage: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  const ts = argString(args, 'ts') ?? '';
  const existing = ctx.store.find(channel.id, ts);
  if (existing === undefined || existing.ephemeral) return fail('message_not_found');
  if (existing.user !== ctx.bot.userId) return fail('cant_delete_message');
  ctx.store.delete(channel.id, ts);
  return { ok: true, channel: channel.id, ts };
};

const getPermalink: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  const ts = argString(args, 'message_ts') ?? '';
  if (ctx.store.find(channel.id, ts) === undefined) return fail('message_not_found');
  return {
    ok: true,
    channel: channel.id,
    permalink: `${ctx.baseUrl}?channel=${channel.id}#msg-${ts}`,
  };
};

/** The `chat.*` methods the bot uses. */
export const CHAT_METHODS: Record<string, WebApiMethod> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.delete': deleteMessage,
  'chat.getPermalink': getPermalink,
};
