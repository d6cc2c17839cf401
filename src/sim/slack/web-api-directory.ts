import type { SimUser } from './types.js';
import { tzOffsetSeconds } from './tz-offset-seconds.js';
import {
  argString,
  fail,
  resolveChannel,
  toWireMessage,
  type WebApiContext,
  type WebApiMethod,
} from './web-api-context.js';

function wireUser(user: SimUser, ctx: WebApiContext): Record<string, unknown> {
  return {
    id: user.id,
    team_id: ctx.workspace.teamId,
    name: user.name,
    real_name: user.realName,
    deleted: false,
    is_bot: false,
    is_admin: false,
    tz: user.tz,
    tz_label: user.tz,
    tz_offset: tzOffsetSeconds(user.tz, ctx.now()),
    profile: {
      real_name: user.realName,
      display_name: user.name,
      title: user.title ?? '',
    },
  };
}

const authTest: WebApiMethod = (_args, ctx) => ({
  ok: true,
  url: ctx.baseUrl,
  team: ctx.workspace.teamDomain,
  user: ctx.bot.name,
  team_id: ctx.workspace.teamId,
  user_id: ctx.bot.userId,
  bot_id: ctx.bot.botId,
  is_enterprise_install: false,
});

const usersInfo: WebApiMethod = (args, ctx) => {
  const id = argString(args, 'user');
  const user = ctx.workspace.users.find((u) => u.id === id);
  if (user !== undefined) return { ok: true, user: wireUser(user, ctx) };
  if (id === ctx.bot.userId) {
    return {
      ok: true,
      user: { id, team_id: ctx.workspace.teamId, name: ctx.bot.name, is_bot: true, deleted: false },
    };
  }
  return fail('user_not_found');
};

const usersList: WebApiMethod = (_args, ctx) => ({
  ok: true,
  members: ctx.workspace.users.map((u) => wireUser(u, ctx)),
  response_metadata: { next_cursor: '' },
});

const usergroupUsers: WebApiMethod = (args, ctx) => {
  const id = argString(args, 'usergroup');
  const group = ctx.workspace.usergroups.find((g) => g.id === id);
  return group === undefined ? fail('no_such_subteam') : { ok: true, users: [...group.users] };
};

const usergroupsList: WebApiMethod = (_args, ctx) => ({
  ok: true,
  usergroups: ctx.workspace.usergroups.map((g) => ({
    id: g.id,
    team_id: ctx.workspace.teamId,
    handle: g.handle,
    name: g.name,
    user_count: g.users.length,
  })),
});

const conversationsInfo: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: !channel.isPrivate,
      is_group: channel.isPrivate === true,
      is_private: channel.isPrivate === true,
      is_im: false,
      is_archived: false,
      is_member: true,
      topic: { value: channel.topic ?? '' },
      purpose: { value: '' },
    },
  };
};

const conversationsHistory: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  const messages = ctx.store
    .list(channel.id)
    .filter((m) => !m.ephemeral)
    .reverse()
    .map((m) => toWireMessage(m, ctx));
  return { ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } };
};

const conversationsReplies: WebApiMethod = (args, ctx) => {
  const channel = resolveChannel(ctx, argString(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  const root = ctx.store.list(channel.id).find((m) => m.ts === argString(args, 'ts'));
  if (root === undefined || root.ephemeral) return fail('thread_not_found');
  const thread = [root, ...root.replies.filter((r) => !r.ephemeral)];
  return { ok: true, messages: thread.map((m) => toWireMessage(m, ctx)), has_more: false };
};

/** Identity, people, groups and channel look-ups. */
export const DIRECTORY_METHODS: Record<string, WebApiMethod> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'users.list': usersList,
  'usergroups.users.list': usergroupUsers,
  'usergroups.list': usergroupsList,
  'conversations.info': conversationsInfo,
  'conversations.history': conversationsHistory,
  'conversations.replies': conversationsReplies,
};
