import { escapeHtml } from './escape-html.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';
import { type ChannelView, renderChannel } from './render-channel.js';

/**
 * The whole page for one channel and viewer. Stable hooks for browser tests:
 * `data-testid` = `sim-banner`, `user-switcher`, `message-list`, `message` (with `data-ts`),
 * `thread`, `ephemeral-note`, `button-<action_id>`, `message-box`, `send-button`,
 * `confirm-dialog`, `confirm-dialog-confirm`, `confirm-dialog-deny`; `body[data-live=true]`
 * once the event stream is open. Pure.
 */
export function renderPage(
  view: ChannelView & { botUrl: string | undefined; socketMode?: boolean },
): string {
  const { workspace, channel, viewer } = view;
  const viewerName = workspace.users.find((u) => u.id === viewer)?.name ?? viewer;
  const channels = workspace.channels
    .map(
      (c) =>
        `<a href="?channel=${encodeURIComponent(c.id)}&amp;user=${encodeURIComponent(viewer)}"${c.id === channel.id ? ' class="active" aria-current="page"' : ''}># ${escapeHtml(c.name)}</a>`,
    )
    .join('');
  const users = workspace.users
    .map(
      (u) =>
        `<option value="${escapeHtml(u.id)}" data-name="${escapeHtml(u.name)}"${u.id === viewer ? ' selected' : ''}>${escapeHtml(u.name)}${u.title ? ` (${escapeHtml(u.title)})` : ''}</option>`,
    )
    .join('');
  const bot = view.socketMode
    ? 'the bot is connected in Socket Mode'
    : view.botUrl
      ? `sends to ${escapeHtml(view.botUrl)}`
      : 'no bot URL set (start with --bot-url, or connect the bot in Socket Mode)';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>#${escapeHtml(channel.name)} · Slack stand-in (local simulation)</title>
<style>${PAGE_STYLE}</style>
</head>
<body data-channel="${escapeHtml(channel.id)}" data-user="${escapeHtml(viewer)}" data-live="false">
<div class="sim-banner" role="note" data-testid="sim-banner"><strong>⚠ Local simulation of Slack: this is not Slack.</strong>
<span>A stand-in on this machine for trying aurora-bot. It talks to the bot over Slack's own protocols; nothing is sent to Slack.</span></div>
<div class="app">
<nav class="sidebar" aria-label="Workspace">
  <div class="workspace">${escapeHtml(workspace.teamDomain)}<small>Slack stand-in</small></div>
  <div class="side-section"><h2>Channels</h2>${channels}</div>
  <div class="side-section">
    <label for="user-switcher">Viewing and typing as</label>
    <select id="user-switcher" data-testid="user-switcher" aria-label="Switch user">${users}</select>
  </div>
  <div class="side-section"><h2>Bot</h2><div class="bot-status"><span class="live-dot" title="live updates"></span>${bot}</div></div>
</nav>
<main class="channel">
  <header class="channel-header"><h1># ${escapeHtml(channel.name)}</h1><span class="topic">${escapeHtml(channel.topic ?? '')}</span></header>
  <section class="messages" id="messages" data-testid="message-list" aria-label="Messages in #${escapeHtml(channel.name)}" aria-live="polite">${renderChannel(view)}</section>
  <div class="status" id="status" data-testid="status" role="status"></div>
  <form class="composer" id="composer" autocomplete="off">
    <input id="message-box" data-testid="message-box" aria-label="Message #${escapeHtml(channel.name)}" placeholder="Message #${escapeHtml(channel.name)}, or a command such as /aurora help">
    <button type="submit" data-testid="send-button">Send</button>
  </form>
  <div class="composer-hint">Typing as <b id="typing-as">@${escapeHtml(viewerName)}</b>. Slash commands are sent to the bot signed, exactly as Slack sends them.</div>
</main>
</div>
<dialog id="confirm-dialog" data-testid="confirm-dialog" aria-labelledby="confirm-title">
  <form method="dialog">
    <h2 id="confirm-title"></h2>
    <div id="confirm-text"></div>
    <div class="dialog-buttons">
      <button class="sim-button" id="confirm-deny" value="deny" data-testid="confirm-dialog-deny">Cancel</button>
      <button class="sim-button sim-button-primary" id="confirm-ok" value="confirm" data-testid="confirm-dialog-confirm">Yes</button>
    </div>
  </form>
</dialog>
<script>${PAGE_SCRIPT}</script>
</body>
</html>`;
}
