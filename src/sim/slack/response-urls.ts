import { randomBytes } from 'node:crypto';
import type { MessageStore } from './message-store.js';
import { asArray, asRecord, asString } from './read-fields.js';
import type { SimBotIdentity, WebApiCall } from './types.js';
import { validateBlocks } from './validate-blocks.js';

/** Slack's limits: a response_url works 5 times within 30 minutes. */
export const RESPONSE_URL_LIMITS = { uses: 5, lifetimeMs: 30 * 60_000 } as const;

/** What a response_url answers for: the invoking user, and the clicked message if any. */
export interface ResponseTarget {
  channel: string;
  user: string;
  /** The message the clicked button was on (absent for slash commands). */
  messageTs?: string;
  /** The thread the command or message was in; new responses go there. */
  threadTs?: string;
}

interface Issued extends ResponseTarget {
  issuedAt: number;
  uses: number;
}

export interface ResponseAnswer {
  status: number;
  body: { ok: boolean; error?: string };
}

export interface ResponseUrlsDeps {
  store: MessageStore;
  bot: SimBotIdentity;
  now: () => number;
  record: (call: WebApiCall) => void;
}

/** Hands out response_urls pointing back at the stand-in and applies what is posted to them. */
export class ResponseUrls {
  readonly #issued = new Map<string, Issued>();
  readonly #deps: ResponseUrlsDeps;

  constructor(deps: ResponseUrlsDeps) {
    this.#deps = deps;
  }

  /** A new response_url path (relative to the stand-in's base URL). */
  issue(target: ResponseTarget): string {
    const id = randomBytes(12).toString('base64url');
    this.#issued.set(id, { ...target, issuedAt: this.#deps.now(), uses: 0 });
    return `response/${id}`;
  }

  /** Applies a JSON body posted to `response/<id>`: replace, delete, or a new message. */
  use(id: string, rawBody: string): ResponseAnswer {
    let payload: Record<string, unknown> = {};
    const answer = (status: number, error?: string): ResponseAnswer => {
      const body = error === undefined ? { ok: true } : { ok: false, error };
      this.#deps.record({
        time: this.#deps.now(),
        method: 'response_url',
        args: payload,
        status,
        ok: body.ok,
        ...(error === undefined ? {} : { error }),
      });
      return { status, body };
    };
    try {
      payload = asRecord(JSON.parse(rawBody)) ?? {};
    } catch {
      return answer(400, 'invalid_payload');
    }
    const target = this.#issued.get(id);
    if (target === undefined) return answer(404, 'expired_url');
    if (this.#deps.now() - target.issuedAt > RESPONSE_URL_LIMITS.lifetimeMs) {
      return answer(404, 'expired_url');
    }
    if (target.uses >= RESPONSE_URL_LIMITS.uses) return answer(404, 'used_url');
    target.uses += 1;
    return answer(...this.#apply(target, payload));
  }

  #apply(target: Issued, payload: Record<string, unknown>): [number, string?] {
    const { store, bot } = this.#deps;
    if (payload.delete_original === true) {
      if (target.messageTs !== undefined) store.delete(target.channel, target.messageTs);
      return [200];
    }
    const blocks = payload.blocks === undefined ? undefined : asArray(payload.blocks);
    if (blocks !== undefined && validateBlocks(blocks).length > 0) return [400, 'invalid_blocks'];
    const text = asString(payload.text) ?? '';
    if (payload.replace_original === true && target.messageTs !== undefined) {
      const updated = store.update(target.channel, target.messageTs, {
        text,
        ...(blocks === undefined ? {} : { blocks }),
      });
      return updated === undefined ? [404, 'message_not_found'] : [200];
    }
    if (text === '' && (blocks === undefined || blocks.length === 0)) return [400, 'no_text'];
    const threadTs = asString(payload.thread_ts) ?? target.threadTs;
    const inChannel = payload.response_type === 'in_channel';
    store.post(target.channel, {
      user: inChannel ? bot.userId : target.user,
      botId: bot.botId,
      text,
      blocks: blocks ?? [],
      ephemeral: !inChannel,
      ...(threadTs === undefined ? {} : { threadTs }),
    });
    return [200];
  }
}
