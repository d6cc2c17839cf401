import { emojify } from './emojify.js';
import { escapeHtml } from './escape-html.js';
import { asArray, asRecord, asString } from './read-fields.js';
import { type MentionNames, renderMrkdwn } from './render-mrkdwn.js';

const SAFE_IMAGE = /^https?:\/\//i;

/** A Block Kit text object (`plain_text` or `mrkdwn`) as safe HTML. */
export function renderTextObject(value: unknown, names: MentionNames = {}): string {
  const obj = asRecord(value);
  const text = asString(obj?.text) ?? '';
  if (obj?.type === 'mrkdwn') return renderMrkdwn(text, names);
  // why: plain_text is shown as typed (no entity decoding); only emoji shortcodes render.
  const escaped = escapeHtml(text);
  return obj?.emoji === false ? escaped : emojify(escaped);
}

function attr(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`;
}

function renderButton(
  element: Record<string, unknown>,
  blockId: string | undefined,
  names: MentionNames,
): string {
  const actionId = asString(element.action_id);
  const style = asString(element.style);
  const label = renderTextObject(element.text, names);
  const plainLabel = asString(asRecord(element.text)?.text) ?? '';
  const url = asString(element.url);
  const classes = `sim-button${style === 'primary' || style === 'danger' ? ` sim-button-${style}` : ''}`;
  const confirm = asRecord(element.confirm);
  const confirmAttrs = confirm
    ? attr('data-confirm-title', asString(asRecord(confirm.title)?.text) ?? 'Are you sure?') +
      // why: the dialog text may be mrkdwn; it is rendered (and sanitised) here, once, and the
      // page only moves this HTML into the dialog.
      attr('data-confirm-html', renderTextObject(confirm.text, names)) +
      attr('data-confirm-ok', asString(asRecord(confirm.confirm)?.text) ?? 'Yes') +
      attr('data-confirm-deny', asString(asRecord(confirm.deny)?.text) ?? 'Cancel') +
      attr('data-confirm-style', asString(confirm.style) ?? 'primary')
    : '';
  const common =
    attr('class', classes) +
    attr('data-testid', actionId === undefined ? undefined : `button-${actionId}`) +
    attr('data-action-id', actionId) +
    attr('data-block-id', blockId) +
    attr('data-value', asString(element.value)) +
    attr('aria-label', plainLabel) +
    confirmAttrs;
  if (url !== undefined && SAFE_IMAGE.test(url)) {
    return `<a${common} href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
  }
  return `<button type="button"${common}>${label}</button>`;
}

function renderImage(element: Record<string, unknown>, className: string): string {
  const url = asString(element.image_url);
  if (url === undefined || !SAFE_IMAGE.test(url)) return '';
  return `<img class="${className}" src="${escapeHtml(url)}" alt="${escapeHtml(asString(element.alt_text) ?? '')}">`;
}

function renderElement(value: unknown, blockId: string | undefined, names: MentionNames): string {
  const element = asRecord(value);
  if (element === undefined) return '';
  if (element.type === 'button') return renderButton(element, blockId, names);
  if (element.type === 'image') return renderImage(element, 'element-image');
  const type = escapeHtml(asString(element.type) ?? 'unknown');
  return `<span class="element-unsupported" title="not rendered by the stand-in">[${type}]</span>`;
}

function renderBlock(value: unknown, names: MentionNames): string {
  const block = asRecord(value);
  if (block === undefined) return '';
  const blockId = asString(block.block_id);
  const open = (kind: string) =>
    `<div class="block block-${kind}" data-block-type="${kind}"${attr('data-block-id', blockId)}>`;
  switch (block.type) {
    case 'header':
      return `${open('header')}<h3>${renderTextObject(block.text, names)}</h3></div>`;
    case 'divider':
      return `${open('divider')}<hr></div>`;
    case 'section': {
      const text =
        block.text === undefined
          ? ''
          : `<div class="section-text">${renderTextObject(block.text, names)}</div>`;
      const fields = asArray(block.fields);
      const grid =
        fields.length === 0
          ? ''
          : `<div class="section-fields">${fields.map((f) => `<div class="section-field">${renderTextObject(f, names)}</div>`).join('')}</div>`;
      const accessory =
        block.accessory === undefined
          ? ''
          : `<div class="section-accessory">${renderElement(block.accessory, blockId, names)}</div>`;
      return `${open('section')}<div class="section-body">${text}${grid}</div>${accessory}</div>`;
    }
    case 'context': {
      const parts = asArray(block.elements).map((e) => {
        const element = asRecord(e);
        if (element?.type === 'image') return renderImage(element, 'context-image');
        return `<span class="context-text">${renderTextObject(e, names)}</span>`;
      });
      return `${open('context')}${parts.join('')}</div>`;
    }
    case 'actions': {
      const elements = asArray(block.elements).map((e) => renderElement(e, blockId, names));
      return `${open('actions')}${elements.join('')}</div>`;
    }
    case 'image': {
      const title =
        block.title === undefined
          ? ''
          : `<figcaption>${renderTextObject(block.title, names)}</figcaption>`;
      return `${open('image')}<figure>${renderImage(block, 'block-image-img')}${title}</figure></div>`;
    }
    default: {
      const type = escapeHtml(asString(block.type) ?? 'unknown');
      return `${open('unsupported')}<em>Block type “${type}” is not rendered by the stand-in.</em></div>`;
    }
  }
}

/**
 * Renders Block Kit blocks (header, section with text/fields/accessory, context, divider,
 * actions with buttons and confirm dialogs, image) as safe HTML. Buttons carry `data-action-id`,
 * `data-block-id`, `data-value`, `data-testid="button-<action_id>"` and, with a `confirm`
 * object, `data-confirm-*` attributes for the page's dialog. Pure.
 */
export function renderBlocks(blocks: unknown[], names: MentionNames = {}): string {
  return blocks.map((b) => renderBlock(b, names)).join('');
}
