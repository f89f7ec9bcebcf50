/** Minimal XML writing: text and attribute escaping, and removal of characters XML 1.0 forbids. */

// XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<name a="…">escaped text</name>`; attributes with null/undefined values are left out. */
export function el(name: string, attrs: Record<string, string | null | undefined>, text?: string | null): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(v as string)}"`)
    .join('');
  return text === undefined || text === null ? `<${name}${a}/>` : `<${name}${a}>${xmlEscape(text)}</${name}>`;
}
