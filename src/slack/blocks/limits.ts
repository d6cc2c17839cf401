/**
 * Block Kit limits and small block constructors that enforce them, so no builder can produce
 * a message Slack rejects (`invalid_blocks`, `msg_too_long`): long text is truncated, many
 * lines are packed into several sections, and a message is cut at 50 blocks with a note.
 */
import { truncate } from '../mrkdwn.js';
import type { Block, ContextBlock, SectionBlock, SlackMessage } from './types.js';

export const LIMITS = {
  /** Blocks per message. */
  blocks: 50,
  /** Characters in a section's text (and our fallback text). */
  text: 3000,
  /** Characters in a header's plain text. */
  header: 150,
  /** Fields per section, and characters per field. */
  fields: 10,
  fieldText: 2000,
  /** Elements in a context block. */
  contextElements: 10,
  buttonText: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', LIMITS.text) } };
}

export function fieldsSection(fields: string[]): SectionBlock {
  return {
    type: 'section',
    fields: fields
      .slice(0, LIMITS.fields)
      .map((f) => ({ type: 'mrkdwn', text: truncate(f || ' ', LIMITS.fieldText) })),
  };
}

export function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn', text: truncate(t || ' ', LIMITS.text) })),
  };
}

export function header(text: string): Block {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text, LIMITS.header), emoji: true },
  };
}

export function divider(): Block {
  return { type: 'divider' };
}

/**
 * Packs lines into as few sections as possible, each within the text limit; at most
 * `maxSections`, the last one saying how many lines were left out.
 */
export function lineSections(lines: string[], maxSections = 10): SectionBlock[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.text);
    if (current && current.length + 1 + line.length > LIMITS.text) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  if (chunks.length <= maxSections) return chunks.map(section);
  const kept = chunks.slice(0, maxSections - 1);
  const omittedLines = chunks
    .slice(maxSections - 1)
    .reduce((n, chunk) => n + chunk.split('\n').length, 0);
  return [...kept.map(section), section(`_… ${omittedLines} more line(s) not shown_`)];
}

/** A message within the block limit: extra blocks are replaced by one note at the end. */
export function message(text: string, blocks: Block[]): SlackMessage {
  const fallback = truncate(text, LIMITS.text);
  if (blocks.length <= LIMITS.blocks) return { text: fallback, blocks };
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  return {
    text: fallback,
    blocks: [...kept, context(`_… ${blocks.length - kept.length} more block(s) not shown_`)],
  };
}
