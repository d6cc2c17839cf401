/**
 * Helpers for Slack's mrkdwn: escaping of untrusted text and safe mentions. Anything that did
 * not come from our own code (cluster names, AWS messages, notes) goes through {@link esc}.
 */

/** Escapes `&`, `<` and `>`, the only characters Slack asks to escape in message text. */
export function esc(text: string): string {
  // why: audit entries are stored forever; a malformed one must render, not stop the thread.
  if (typeof text !== 'string') return String(text ?? '');
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code: escaped, with backticks replaced so they cannot close the span. */
export function code(text: string): string {
  return `\`${esc(text).replace(/`/g, 'ˋ')}\``;
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/**
 * A mention for a Slack user ID, or the escaped name for anything else (a CLI operator such as
 * `cli:alice`), so a forged ID can never produce markup.
 */
export function mention(actor: { id: string; name?: string }): string {
  if (typeof actor?.id !== 'string') return 'someone';
  if (SLACK_USER.test(actor.id)) return `<@${actor.id}>`;
  return esc(actor.name ?? actor.id);
}

/** Shortens `text` to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  // why: never cut an escape sequence (`&amp;`) or a mention (`<@U…>`) in half.
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp > cut.length - 6 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const lt = cut.lastIndexOf('<');
  if (lt >= 0 && !cut.slice(lt).includes('>')) cut = cut.slice(0, lt);
  return `${cut}…`;
}
