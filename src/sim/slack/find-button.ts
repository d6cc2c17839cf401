import { asArray, asRecord, asString } from './read-fields.js';

export interface FoundButton {
  element: Record<string, unknown>;
  blockId: string | undefined;
}

/**
 * Finds a button by `action_id` in actions blocks and section accessories, in the block
 * `blockId` when given. When several match (one per gate in a re-rendered message), the one
 * whose `value` equals `value` wins; otherwise the first.
 */
export function findButton(
  blocks: unknown[],
  actionId: string,
  options: { value?: string | undefined; blockId?: string | undefined } = {},
): FoundButton | undefined {
  const { value } = options;
  const found: FoundButton[] = [];
  for (const raw of blocks) {
    const block = asRecord(raw);
    if (block === undefined) continue;
    const blockId = asString(block.block_id);
    if (options.blockId !== undefined && blockId !== options.blockId) continue;
    const candidates = block.type === 'actions' ? asArray(block.elements) : [block.accessory];
    for (const candidate of candidates) {
      const element = asRecord(candidate);
      if (element?.type === 'button' && element.action_id === actionId) {
        found.push({ element, blockId });
      }
    }
  }
  return found.find((b) => value !== undefined && b.element.value === value) ?? found[0];
}
