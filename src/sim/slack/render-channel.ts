import { escapeHtml } from './escape-html.js';
import { compareTs } from './message-store.js';
import { asRecord } from './read-fields.js';
import { renderBlocks } from './render-blocks.js';
import { type MentionNames, renderMrkdwn } from './render-mrkdwn.js';
import type { SimBotIdentity, SimChannel, SimMessage, SlackWorkspace } from './types.js';

export interface ChannelView {
  workspace: SlackWorkspace;
  bot: SimBotIdentity;
  channel: SimChannel;
  /** The user looking at the page: ephemeral messages of others stay hidden. */
  viewer: string;
  /** Root messages with their replies. */
  messages: SimMessage[];
}

/** Handles for every user, group and channel in the workspace, for mention rendering. */
export function mentionNames(workspace: SlackWorkspace, bot: SimBotIdentity): MentionNames {
  return {
    users: Object.fromEntries([
      ...workspace.users.map((u) => [u.id, u.name]),
      [bot.userId, bot.name],
    ]),
    usergroups: Object.fromEntries(workspace.usergroups.map((g) => [g.id, g.handle])),
    channels: Object.fromEntries(workspace.channels.map((c) => [c.id, c.name])),
  };
}

const PALETTE = ['#e01e5a', '#2eb67d', '#ecb22e', '#36c5f0', '#8b5cf6', '#f97316', '#0ea5e9'];

function avatar(id: string, label: string, isBot: boolean): string {
  const hash = [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const color = isBot ? '#4a154b' : (PALETTE[hash % PALETTE.length] ?? '#616061');
  const initial = escapeHtml((label[0] ?? '?').toUpperCase());
  // why: letters, not emoji, so the page reads the same on machines without an emoji font.
  return `<div class="avatar${isBot ? ' avatar-bot' : ''}" aria-hidden="true" style="background:${color}">${initial}</div>`;
}

function formatTime(ts: string, tz: string | undefined): string {
  const at = Number(ts.split('.')[0]) * 1000;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: tz }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: 'UTC' }).format(at);
  }
}

/** Drops buttons so a broadcast copy cannot be clicked twice from two places. */
function withoutActions(blocks: unknown[]): unknown[] {
  return blocks
    .filter((b) => asRecord(b)?.type !== 'actions')
    .map((b) => {
      const block = asRecord(b);
      return block?.accessory === undefined ? b : { ...block, accessory: undefined };
    });
}

function renderMessage(
  message: SimMessage,
  view: ChannelView,
  names: MentionNames,
  copy = false,
): string {
  const { bot, workspace } = view;
  const fromBot = message.botId !== undefined;
  const slackbot = message.ephemeral && !fromBot;
  const author = fromBot
    ? bot.name
    : slackbot
      ? 'Slackbot'
      : (workspace.users.find((u) => u.id === message.user)?.name ?? message.user);
  const tz = workspace.users.find((u) => u.id === view.viewer)?.tz;
  const blocks = copy ? withoutActions(message.blocks) : message.blocks;
  const body =
    blocks.length > 0
      ? renderBlocks(blocks, names)
      : `<div class="msg-text">${renderMrkdwn(message.text, names)}</div>`;
  const attrs = copy
    ? `data-testid="broadcast-copy" data-broadcast-of="${escapeHtml(message.ts)}"`
    : `data-testid="message" data-ts="${escapeHtml(message.ts)}" id="msg-${escapeHtml(message.ts)}"`;
  const classes = [
    'msg',
    fromBot || slackbot ? 'msg-bot' : '',
    message.ephemeral ? 'msg-ephemeral' : '',
    copy ? 'msg-copy' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const notes = [
    message.ephemeral
      ? '<div class="ephemeral-note" data-testid="ephemeral-note">Only visible to you</div>'
      : '',
    message.replyBroadcast && !copy
      ? `<div class="broadcast-note">Also sent to #${escapeHtml(view.channel.name)}</div>`
      : '',
    copy
      ? `<div class="broadcast-note">replied to a thread · <a href="#msg-${escapeHtml(message.ts)}">view in thread</a></div>`
      : '',
  ].join('');
  return (
    `<article class="${classes}" ${attrs} data-channel="${escapeHtml(message.channel)}"` +
    `${message.threadTs ? ` data-thread-ts="${escapeHtml(message.threadTs)}"` : ''}` +
    `${message.ephemeral ? ' data-ephemeral="true"' : ''} aria-label="Message from ${escapeHtml(author)}">` +
    avatar(fromBot ? bot.userId : message.user, author, fromBot || slackbot) +
    '<div class="msg-main"><div class="msg-head">' +
    `<span class="author">${escapeHtml(author)}</span>${fromBot || slackbot ? '<span class="app-badge">APP</span>' : ''}` +
    `<time datetime="${new Date(Number(message.ts.split('.')[0]) * 1000).toISOString()}">${formatTime(message.ts, tz)}</time>` +
    `${message.editedAt === undefined ? '' : '<span class="edited">(edited)</span>'}</div>` +
    `${notes}<div class="msg-body">${body}</div></div></article>`
  );
}

/**
 * The message list of one channel as `viewer` sees it: roots with their threads (expandable,
 * open by default), broadcast replies also in the channel, and only the viewer's own
 * ephemeral messages. Pure.
 */
export function renderChannel(view: ChannelView): string {
  const names = mentionNames(view.workspace, view.bot);
  const visible = (m: SimMessage) => !m.ephemeral || m.user === view.viewer;
  const items: { ts: string; html: string }[] = [];
  for (const root of view.messages.filter(visible)) {
    const replies = root.replies.filter(visible);
    let html = renderMessage(root, view, names);
    if (replies.length > 0) {
      html +=
        `<details class="thread" open data-testid="thread" data-thread-ts="${escapeHtml(root.ts)}">` +
        `<summary>${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</summary>` +
        `${replies.map((r) => renderMessage(r, view, names)).join('')}</details>`;
    }
    items.push({ ts: root.ts, html });
    for (const reply of replies.filter((r) => r.replyBroadcast)) {
      items.push({ ts: reply.ts, html: renderMessage(reply, view, names, true) });
    }
  }
  if (items.length === 0) {
    return `<div class="empty" data-testid="empty-channel">No messages in #${escapeHtml(view.channel.name)} yet. Type <code>/aurora help</code> below.</div>`;
  }
  return items
    .sort((a, b) => compareTs(a.ts, b.ts))
    .map((i) => i.html)
    .join('');
}
