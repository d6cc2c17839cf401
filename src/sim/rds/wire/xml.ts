/** Just enough XML writing for awsQuery responses: escaped leaf elements and lists. */
export type XmlLeaf = string | number | boolean | undefined;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>value</name>`; nothing when the value is undefined. */
export function leaf(name: string, value: XmlLeaf): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>inner</name>` where `inner` is already XML. */
export function node(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}

/** Leaf elements in the order of the object's keys. */
export function leaves(fields: Record<string, XmlLeaf>): string {
  return Object.entries(fields)
    .map(([name, value]) => leaf(name, value))
    .join('');
}

/** `<name><item>…</item>…</name>`; `render` gives each item's inner XML. */
export function list<T>(name: string, item: string, items: readonly T[], render: (x: T) => string) {
  return node(name, items.map((x) => node(item, render(x))).join(''));
}

/** A list of text items, escaped. */
export function textList(name: string, item: string, values: readonly string[]): string {
  return list(name, item, values, escapeXml);
}
