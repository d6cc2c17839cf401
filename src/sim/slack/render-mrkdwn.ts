import { emojify } from './emojify.js';
import { decodeSlackEntities, escapeHtml } from './escape-html.js';

/** Display names for mentions; an ID without a name is shown as the ID. */
export interface MentionNames {
  /** `U…` → handle. */
  users?: Readonly<Record<string, string>>;
  /** `S…` → handle. */
  usergroups?: Readonly<Record<string, string>>;
  /** `C…` → channel name. */
  channels?: Readonly<Record<string, string>>;
}

// why: private-use characters mark spans already rendered to HTML, so the escaping and
// formatting passes never touch them; the same characters are stripped from the input first,
// so user text cannot forge a marker.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;
const HELD = /\uE000(\d+)\uE001/g;

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

function mention(kind: string, id: string, label: string, prefix: '@' | '#'): string {
  return `<span class="mention mention-${kind}" data-id="${escapeHtml(id)}">${prefix}${escapeHtml(label)}</span>`;
}

function renderControl(inner: string, names: MentionNames): string {
  const bar = inner.indexOf('|');
  const head = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : decodeSlackEntities(inner.slice(bar + 1));
  if (head.startsWith('@')) {
    const id = head.slice(1);
    return mention('user', id, names.users?.[id] ?? label ?? id, '@');
  }
  if (head.startsWith('#')) {
    const id = head.slice(1);
    return mention('channel', id, names.channels?.[id] ?? label ?? id, '#');
  }
  if (head.startsWith('!subteam^')) {
    const id = head.slice('!subteam^'.length);
    const handle = names.usergroups?.[id] ?? label?.replace(/^@/, '') ?? id;
    return mention('usergroup', id, handle, '@');
  }
  if (head.startsWith('!')) {
    const word = head.slice(1).split('^')[0] ?? '';
    if (['here', 'channel', 'everyone'].includes(word)) return mention('special', word, word, '@');
    // e.g. <!date^1700000000^{date}|Nov 14>: the fallback is what older clients show.
    return escapeHtml(label ?? word);
  }
  const url = decodeSlackEntities(head);
  if (!SAFE_URL.test(url)) return escapeHtml(label ?? `<${url}>`);
  const text = escapeHtml(label ?? url);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

function formatInline(text: string): string {
  // why: lookarounds keep snake_case, 2*3*4 and half-open markers as plain text, as Slack does.
  const span = (marker: string) => {
    const m = marker === '*' ? '\\*' : marker;
    return new RegExp(
      `(?<![\\p{L}\\p{N}${m}])${m}(?!\\s)([^${m}\\n]+?)(?<!\\s)${m}(?![\\p{L}\\p{N}${m}])`,
      'gu',
    );
  };
  return text
    .replace(span('*'), '<strong>$1</strong>')
    .replace(span('_'), '<em>$1</em>')
    .replace(span('~'), '<del>$1</del>');
}

function blockquotes(html: string): string {
  const out: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of html.split('\n')) {
    const m = /^&gt;\s?(.*)$/.exec(line);
    if (m) {
      quote.push(m[1] ?? '');
      continue;
    }
    flush();
    out.push(`${line}<br>`);
  }
  flush();
  return out.join('').replace(/<br>$/, '');
}

/**
 * Renders Slack mrkdwn as safe HTML: `*bold*`, `_italic_`, `~strike~`, `` `code` ``,
 * ```` ```blocks``` ````, `>` quotes, `<url|label>` links (http, https and mailto only),
 * `<@U…>`, `<#C…>` and `<!subteam^S…>` mentions and common `:emoji:`. Slack's `&amp;`,
 * `&lt;` and `&gt;` are decoded exactly once and everything else is escaped, so text can
 * never inject markup. Pure.
 */
export function renderMrkdwn(text: string, names: MentionNames = {}): string {
  const held: string[] = [];
  const hold = (html: string) => `${OPEN}${held.push(html) - 1}${CLOSE}`;
  let s = text.replace(MARKERS, '');
  // why: a code block is block-level, so the newlines inside its fences are layout only (the
  // page's CSS hides the line break after it).
  s = s.replace(/```\n?([\s\S]*?)\n?```/g, (_, code: string) =>
    hold(`<pre class="mrkdwn-pre">${escapeHtml(decodeSlackEntities(code))}</pre>`),
  );
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) =>
    hold(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  s = s.replace(/<([^<>\s][^<>\n]*)>/g, (_, inner: string) => hold(renderControl(inner, names)));
  s = blockquotes(formatInline(emojify(escapeHtml(decodeSlackEntities(s)))));
  // Held spans never contain markers themselves, so one pass restores them all.
  return s.replace(HELD, (_, i: string) => held[Number(i)] ?? '');
}
