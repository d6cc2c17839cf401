import { randomBytes } from 'node:crypto';
import { asArray, asRecord } from './read-fields.js';
import type { SimMessage } from './types.js';

export type MessageChange = {
  kind: 'posted' | 'updated' | 'deleted';
  channel: string;
  ts: string;
  threadTs?: string;
};

export interface NewMessage {
  user: string;
  botId?: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
  replyBroadcast?: boolean;
  ephemeral?: boolean;
}

/** Orders Slack timestamps exactly (as numbers they would lose microseconds). */
export function compareTs(a: string, b: string): number {
  const [as = '0', am = '0'] = a.split('.');
  const [bs = '0', bm = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(am) - Number(bm);
}

const randomId = () => randomBytes(3).toString('base64url');

/**
 * Slack fills in a `block_id` for every block and an `action_id` for every element that lack
 * one, so stored messages (and the block_actions payloads built from them) always carry both.
 */
export function normalizeBlocks(blocks: unknown[]): unknown[] {
  return blocks.map((value) => {
    const block = asRecord(value);
    if (block === undefined) return value;
    const withIds = (element: unknown) => {
      const e = asRecord(element);
      return e && e.action_id === undefined && e.type === 'button'
        ? { ...e, action_id: randomId() }
        : element;
    };
    return {
      ...block,
      block_id: block.block_id ?? randomId(),
      ...(Array.isArray(block.elements) && block.type === 'actions'
        ? { elements: asArray(block.elements).map(withIds) }
        : {}),
      ...(asRecord(block.accessory) ? { accessory: withIds(block.accessory) } : {}),
    };
  });
}

/** The channel history: root messages with their thread replies, in ts order. */
export class MessageStore {
  readonly #roots = new Map<string, SimMessage[]>();
  readonly #listeners = new Set<(change: MessageChange) => void>();
  readonly #now: () => number;
  #lastMicros = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** A unique, increasing Slack timestamp (`<seconds>.<microseconds>`). */
  nextTs(): string {
    this.#lastMicros = Math.max(this.#now() * 1000, this.#lastMicros + 1);
    const seconds = Math.floor(this.#lastMicros / 1_000_000);
    return `${seconds}.${String(this.#lastMicros % 1_000_000).padStart(6, '0')}`;
  }

  onChange(listener: (change: MessageChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: MessageChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Finds a root or reply by ts. */
  find(channel: string, ts: string): SimMessage | undefined {
    for (const root of this.#roots.get(channel) ?? []) {
      if (root.ts === ts) return root;
      const reply = root.replies.find((r) => r.ts === ts);
      if (reply) return reply;
    }
    return undefined;
  }

  /** Stores a message; a `threadTs` naming a reply files it under that reply's root, as Slack does. */
  post(channel: string, message: NewMessage): SimMessage {
    const parent =
      message.threadTs === undefined ? undefined : this.find(channel, message.threadTs);
    const threadTs = parent ? (parent.threadTs ?? parent.ts) : undefined;
    const stored: SimMessage = {
      channel,
      ts: this.nextTs(),
      ...(threadTs === undefined ? {} : { threadTs }),
      user: message.user,
      ...(message.botId === undefined ? {} : { botId: message.botId }),
      text: message.text,
      blocks: normalizeBlocks(message.blocks),
      ephemeral: message.ephemeral ?? false,
      replyBroadcast: threadTs !== undefined && (message.replyBroadcast ?? false),
      replies: [],
    };
    const root = threadTs === undefined ? undefined : this.find(channel, threadTs);
    if (root) root.replies.push(stored);
    else this.#roots.set(channel, [...(this.#roots.get(channel) ?? []), stored]);
    this.#emit({ kind: 'posted', channel, ts: stored.ts, ...(threadTs ? { threadTs } : {}) });
    return stored;
  }

  update(
    channel: string,
    ts: string,
    change: { text?: string; blocks?: unknown[] },
  ): SimMessage | undefined {
    const message = this.find(channel, ts);
    if (message === undefined) return undefined;
    if (change.text !== undefined) message.text = change.text;
    if (change.blocks !== undefined) message.blocks = normalizeBlocks(change.blocks);
    message.editedAt = this.#now();
    this.#emit({
      kind: 'updated',
      channel,
      ts,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    });
    return message;
  }

  /** Removes a message; deleting a root removes its thread too. */
  delete(channel: string, ts: string): boolean {
    const roots = this.#roots.get(channel) ?? [];
    const message = this.find(channel, ts);
    if (message === undefined) return false;
    if (message.threadTs === undefined) {
      this.#roots.set(
        channel,
        roots.filter((r) => r.ts !== ts),
      );
    } else {
      const root = roots.find((r) => r.ts === message.threadTs);
      if (root) root.replies = root.replies.filter((r) => r.ts !== ts);
    }
    this.#emit({
      kind: 'deleted',
      channel,
      ts,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    });
    return true;
  }

  /** Copies of the root messages (all channels when none is named), oldest first. */
  list(channel?: string): SimMessage[] {
    const roots =
      channel === undefined ? [...this.#roots.values()].flat() : (this.#roots.get(channel) ?? []);
    return structuredClone(roots).sort((a, b) => compareTs(a.ts, b.ts));
  }
}
