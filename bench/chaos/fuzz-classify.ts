/**
 * How the fuzz scenario reads the bot's answers: what each answer means, which run a command's
 * answer says it created, and how to show a fuzzed input in the report.
 */
import type { PostAnswer } from '../lib/signed-post.js';
import type { FuzzCase } from './fuzz-cases.js';

/** Mentions only an attacker's input can bring into an answer. */
export const INJECTED = /<!channel>|<!here>|<!everyone>|<!subteam\^|<https:\/\/evil/;

/** A form body as people read it (a malformed escape is shown as sent). */
export function readable(body: string): string {
  try {
    return decodeURIComponent(body.replace(/\+/g, ' '));
  } catch {
    return body;
  }
}

const CLICK_SHAPE: Record<string, (v: unknown) => boolean> = {
  type: (v) => v === 'block_actions',
  user: (v) => typeof (v as { id?: unknown } | null)?.id === 'string',
  actions: (v) => Array.isArray(v) && v.every((a) => typeof a?.action_id === 'string'),
  channel: (v) => typeof (v as { id?: unknown } | null)?.id === 'string',
  container: (v) => typeof v === 'object' && v !== null,
  message: (v) => typeof v === 'object' && v !== null,
  team: (v) => typeof v === 'object' && v !== null,
  api_app_id: (v) => typeof v === 'string',
};

/** For a click payload: the fields that differ from the shape Slack sends, e.g. `channel = null`. */
export function oddFields(body: string): string | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '');
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  const odd = Object.entries(CLICK_SHAPE)
    .filter(([field, ok]) => !ok(p[field]))
    .map(([field]) =>
      field in p ? `${field} = ${JSON.stringify(p[field])?.slice(0, 40)}` : `${field} missing`,
    );
  return odd.length > 0 ? `click with ${odd.join(', ')}` : undefined;
}

/** The run a command's answer says it created (queued or planning). */
export const createdRunId = (text: string) =>
  /Queued scale-up|Planning/.test(text) ? /Run `(r-[a-z0-9-]+)`/.exec(text)?.[1] : undefined;

/** What an answer means; `ok` says whether it is one the bot may give. */
export function classify(c: FuzzCase, a: PostAnswer | undefined): { outcome: string; ok: boolean } {
  if (!a) return { outcome: 'no answer (timeout or connection error)', ok: false };
  if (a.status >= 500) return { outcome: `HTTP ${a.status}`, ok: false };
  if (a.status === 404)
    return { outcome: 'not acknowledged: no listener (Bolt answers 404 after 3 s)', ok: true };
  if (c.kind === 'interaction') {
    if (a.status === 200) return { outcome: 'acknowledged (200)', ok: true };
    if (a.status === 400) return { outcome: 'malformed body (400)', ok: true };
    return { outcome: `HTTP ${a.status}`, ok: false };
  }
  if (a.status !== 200) return { outcome: `HTTP ${a.status}`, ok: false };
  let text = '';
  try {
    text = String((JSON.parse(a.text) as { text?: unknown }).text ?? '');
  } catch {
    return { outcome: '200 without a JSON body', ok: false };
  }
  if (text.trim() === '') return { outcome: '200 with an empty reply', ok: false };
  if (text.includes('Something went wrong'))
    return { outcome: '200: internal error reply', ok: false };
  if (text.includes('Working on it'))
    return { outcome: '200: late (answer via response_url)', ok: true };
  return { outcome: 'answered (200 with a reply)', ok: true };
}
