import { asArray, asRecord, asString } from './read-fields.js';

/** Slack's limits for messages (https://docs.slack.dev/reference/block-kit/blocks). */
export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
} as const;

const KNOWN_BLOCKS = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'rich_text',
  'section',
  'video',
  'markdown',
]);

/**
 * Checks blocks against the limits Slack enforces on chat.postMessage/chat.update and returns
 * Slack-style problems (`… [json-pointer:/blocks/0/text/text]`); empty when valid.
 */
export function validateBlocks(blocks: unknown[]): string[] {
  const errors: string[] = [];
  const problem = (message: string, pointer: string) =>
    errors.push(`${message} [json-pointer:/blocks${pointer}]`);
  const maxLength = (value: unknown, max: number, pointer: string) => {
    const text = asString(value);
    if (text !== undefined && text.length > max)
      problem(`must be less than ${max + 1} characters`, pointer);
  };
  if (blocks.length > BLOCK_LIMITS.blocksPerMessage) {
    problem(`no more than ${BLOCK_LIMITS.blocksPerMessage} items allowed`, '');
  }
  const blockIds = new Set<string>();
  blocks.forEach((value, i) => {
    const block = asRecord(value);
    const type = asString(block?.type);
    if (block === undefined || type === undefined || !KNOWN_BLOCKS.has(type)) {
      problem('failed to match all allowed schemas', `/${i}`);
      return;
    }
    const blockId = asString(block.block_id);
    if (blockId !== undefined) {
      if (blockIds.has(blockId)) problem(`duplicate block_id: ${blockId}`, `/${i}/block_id`);
      blockIds.add(blockId);
      maxLength(blockId, BLOCK_LIMITS.id, `/${i}/block_id`);
    }
    const text = asRecord(block.text);
    if (type === 'header') maxLength(text?.text, BLOCK_LIMITS.headerText, `/${i}/text/text`);
    if (type === 'section') {
      maxLength(text?.text, BLOCK_LIMITS.sectionText, `/${i}/text/text`);
      const fields = asArray(block.fields);
      if (fields.length > BLOCK_LIMITS.sectionFields)
        problem(`no more than ${BLOCK_LIMITS.sectionFields} items allowed`, `/${i}/fields`);
      fields.forEach((f, j) => {
        maxLength(asRecord(f)?.text, BLOCK_LIMITS.fieldText, `/${i}/fields/${j}/text`);
      });
      if (text === undefined && fields.length === 0)
        problem('must provide text or fields', `/${i}`);
    }
    if (type === 'context' && asArray(block.elements).length > BLOCK_LIMITS.contextElements) {
      problem(`no more than ${BLOCK_LIMITS.contextElements} items allowed`, `/${i}/elements`);
    }
    if (type === 'actions') {
      const elements = asArray(block.elements);
      if (elements.length > BLOCK_LIMITS.actionsElements)
        problem(`no more than ${BLOCK_LIMITS.actionsElements} items allowed`, `/${i}/elements`);
      elements.forEach((e, j) => {
        const element = asRecord(e);
        if (element?.type !== 'button') return;
        maxLength(
          asRecord(element.text)?.text,
          BLOCK_LIMITS.buttonText,
          `/${i}/elements/${j}/text/text`,
        );
        maxLength(element.value, BLOCK_LIMITS.buttonValue, `/${i}/elements/${j}/value`);
        maxLength(element.action_id, BLOCK_LIMITS.id, `/${i}/elements/${j}/action_id`);
      });
    }
  });
  return errors;
}
