/**
 * The HTML of a page's React element tree, written straight to a string (issue 14: React's server renderer was
 * the largest part of an uncached village page's CPU). The pages are plain function components without hooks,
 * context or suspense, so rendering them is calling each component and writing each host element — what
 * `renderToString` does, without its task, segment and resource machinery.
 *
 * The output is byte for byte React 19's `renderToString` of the same tree: the same attribute names and
 * escaping (`&amp; &lt; &gt; &quot; &#x27;`), `<!-- -->` between adjacent text nodes, `javascript:` URLs
 * blocked, `<form>`/`<input>`/`<button>` attributes in React's order, and in `<head>` the charset and viewport
 * metas first, then title/meta/link, then the rest. Anything outside that subset (a hook, a class component,
 * context, `style`, `<select>`, `<textarea>`, `<svg>`, a `<title>` or `<meta>` outside `<head>`, an async
 * script, …) throws `UnsupportedTree`; `renderDocument` then renders the page with React, so every tree still
 * renders as before. Under test (`NODE_ENV=test`) every page is rendered both ways and a difference throws, so
 * each page test also checks this renderer against React.
 */
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';

const ELEMENT = Symbol.for('react.transitional.element');
const LEGACY_ELEMENT = Symbol.for('react.element');
const FRAGMENT = Symbol.for('react.fragment');

/** A tree this renderer does not write itself (React renders it). */
export class UnsupportedTree extends Error {}

const unsupported = (what: string): never => {
  throw new UnsupportedTree(what);
};

const ESCAPED = /["'&<>]/;
const ESCAPED_ALL = /["'&<>]/g;
const ENTITY: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };

/** React's escapeTextForBrowser. */
export function escapeHtml(value: unknown): string {
  const s = typeof value === 'string' ? value : `${value as string}`;
  return ESCAPED.test(s) ? s.replace(ESCAPED_ALL, (c) => ENTITY[c]) : s;
}

// React's own pattern: leading control characters and spaces are ignored by browsers too.
// eslint-disable-next-line no-control-regex
const JAVASCRIPT_URL = /^[\u0000-\u001F ]*j[\r\n\t]*a[\r\n\t]*v[\r\n\t]*a[\r\n\t]*s[\r\n\t]*c[\r\n\t]*r[\r\n\t]*i[\r\n\t]*p[\r\n\t]*t[\r\n\t]*:/i;
const sanitizeUrl = (url: string) =>
  JAVASCRIPT_URL.test(url) ? "javascript:throw new Error('React has blocked a javascript: URL as a security precaution.')" : url;

// React's attribute-name rule (XML name characters; the combining marks U+0300–U+036F are allowed after the first).
const SAFE_NAME =
  // eslint-disable-next-line no-misleading-character-class
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*$/;
const safeNames = new Map<string, boolean>();
function isSafeName(name: string): boolean {
  let ok = safeNames.get(name);
  if (ok === undefined) {
    ok = SAFE_NAME.test(name);
    safeNames.set(name, ok);
  }
  return ok;
}

const VALID_TAG = /^[a-zA-Z][a-zA-Z:_.\-\d]*$/;

/** React's attribute aliases (HTML and the SVG presentation attributes). */
const ALIASES = new Map(
  Object.entries({
    acceptCharset: 'accept-charset',
    htmlFor: 'for',
    httpEquiv: 'http-equiv',
    crossOrigin: 'crossorigin',
    accentHeight: 'accent-height',
    alignmentBaseline: 'alignment-baseline',
    arabicForm: 'arabic-form',
    baselineShift: 'baseline-shift',
    capHeight: 'cap-height',
    clipPath: 'clip-path',
    clipRule: 'clip-rule',
    colorInterpolation: 'color-interpolation',
    colorInterpolationFilters: 'color-interpolation-filters',
    colorProfile: 'color-profile',
    colorRendering: 'color-rendering',
    dominantBaseline: 'dominant-baseline',
    enableBackground: 'enable-background',
    fillOpacity: 'fill-opacity',
    fillRule: 'fill-rule',
    floodColor: 'flood-color',
    floodOpacity: 'flood-opacity',
    fontFamily: 'font-family',
    fontSize: 'font-size',
    fontSizeAdjust: 'font-size-adjust',
    fontStretch: 'font-stretch',
    fontStyle: 'font-style',
    fontVariant: 'font-variant',
    fontWeight: 'font-weight',
    glyphName: 'glyph-name',
    glyphOrientationHorizontal: 'glyph-orientation-horizontal',
    glyphOrientationVertical: 'glyph-orientation-vertical',
    horizAdvX: 'horiz-adv-x',
    horizOriginX: 'horiz-origin-x',
    imageRendering: 'image-rendering',
    letterSpacing: 'letter-spacing',
    lightingColor: 'lighting-color',
    markerEnd: 'marker-end',
    markerMid: 'marker-mid',
    markerStart: 'marker-start',
    maskType: 'mask-type',
    overlinePosition: 'overline-position',
    overlineThickness: 'overline-thickness',
    paintOrder: 'paint-order',
    'panose-1': 'panose-1',
    pointerEvents: 'pointer-events',
    renderingIntent: 'rendering-intent',
    shapeRendering: 'shape-rendering',
    stopColor: 'stop-color',
    stopOpacity: 'stop-opacity',
    strikethroughPosition: 'strikethrough-position',
    strikethroughThickness: 'strikethrough-thickness',
    strokeDasharray: 'stroke-dasharray',
    strokeDashoffset: 'stroke-dashoffset',
    strokeLinecap: 'stroke-linecap',
    strokeLinejoin: 'stroke-linejoin',
    strokeMiterlimit: 'stroke-miterlimit',
    strokeOpacity: 'stroke-opacity',
    strokeWidth: 'stroke-width',
    textAnchor: 'text-anchor',
    textDecoration: 'text-decoration',
    textRendering: 'text-rendering',
    transformOrigin: 'transform-origin',
    underlinePosition: 'underline-position',
    underlineThickness: 'underline-thickness',
    unicodeBidi: 'unicode-bidi',
    unicodeRange: 'unicode-range',
    unitsPerEm: 'units-per-em',
    vAlphabetic: 'v-alphabetic',
    vHanging: 'v-hanging',
    vIdeographic: 'v-ideographic',
    vMathematical: 'v-mathematical',
    vectorEffect: 'vector-effect',
    vertAdvY: 'vert-adv-y',
    vertOriginX: 'vert-origin-x',
    vertOriginY: 'vert-origin-y',
    wordSpacing: 'word-spacing',
    writingMode: 'writing-mode',
    xmlnsXlink: 'xmlns:xlink',
    xHeight: 'x-height',
  }),
);

const XML_NAMES: Record<string, string> = {
  xlinkActuate: 'xlink:actuate',
  xlinkArcrole: 'xlink:arcrole',
  xlinkRole: 'xlink:role',
  xlinkShow: 'xlink:show',
  xlinkTitle: 'xlink:title',
  xlinkType: 'xlink:type',
  xmlBase: 'xml:base',
  xmlLang: 'xml:lang',
  xmlSpace: 'xml:space',
};

/** Written as name="" when truthy, left out otherwise. */
const BOOLEAN = new Set(
  'inert allowFullScreen async autoPlay controls credentialless default defer disabled disablePictureInPicture disableRemotePlayback formNoValidate hidden loop noModule noValidate open playsInline readOnly required reversed scoped seamless itemScope'.split(
    ' ',
  ),
);
/** Written with their value as it is (true → "true"). */
const VERBATIM = new Set('contentEditable spellCheck draggable value autoReverse externalResourcesRequired focusable preserveAlpha'.split(' '));
const VOID = new Set('area base br col embed hr keygen param source track wbr'.split(' '));
/** Elements React treats in ways this renderer does not copy. */
const NOT_HERE = new Set('select option textarea menuitem object svg math noscript style template slot'.split(' '));

const isOpaque = (v: unknown) => typeof v === 'function' || typeof v === 'symbol';

/** React's pushAttribute, for the attributes of an ordinary element. */
function attribute(name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (name) {
    case 'className':
      return isOpaque(value) || typeof value === 'boolean' ? '' : ` class="${escapeHtml(value)}"`;
    case 'tabIndex':
      return isOpaque(value) || typeof value === 'boolean' ? '' : ` tabindex="${escapeHtml(value)}"`;
    case 'dir':
    case 'role':
    case 'viewBox':
    case 'width':
    case 'height':
      return isOpaque(value) || typeof value === 'boolean' ? '' : ` ${name}="${escapeHtml(value)}"`;
    case 'style':
      return unsupported('style attribute');
    case 'src':
    case 'href':
    case 'action':
    case 'formAction':
      // An empty src or href is left out (an anchor's is kept: see start()).
      if ((value === '' && (name === 'src' || name === 'href')) || isOpaque(value) || typeof value === 'boolean') return '';
      return ` ${name}="${escapeHtml(sanitizeUrl(`${value as string}`))}"`;
    case 'defaultValue':
    case 'defaultChecked':
    case 'innerHTML':
    case 'suppressContentEditableWarning':
    case 'suppressHydrationWarning':
    case 'ref':
    case 'children':
    case 'dangerouslySetInnerHTML':
      return '';
    case 'autoFocus':
    case 'multiple':
    case 'muted':
      return value && !isOpaque(value) ? ` ${name.toLowerCase()}=""` : '';
    case 'xlinkHref':
      if (isOpaque(value) || typeof value === 'boolean') return '';
      return ` xlink:href="${escapeHtml(sanitizeUrl(`${value as string}`))}"`;
    case 'capture':
    case 'download':
      if (value === true) return ` ${name}=""`;
      return value === false || isOpaque(value) ? '' : ` ${name}="${escapeHtml(value)}"`;
    case 'cols':
    case 'rows':
    case 'size':
    case 'span':
      return !isOpaque(value) && !isNaN(value as number) && (value as number) >= 1 ? ` ${name}="${escapeHtml(value)}"` : '';
    case 'rowSpan':
    case 'start':
      return isOpaque(value) || isNaN(value as number) ? '' : ` ${name}="${escapeHtml(value)}"`;
  }
  if (BOOLEAN.has(name)) return value && !isOpaque(value) ? ` ${name}=""` : '';
  if (VERBATIM.has(name)) return isOpaque(value) ? '' : ` ${name}="${escapeHtml(value)}"`;
  const xml = XML_NAMES[name];
  if (xml) return isOpaque(value) || typeof value === 'boolean' ? '' : ` ${xml}="${escapeHtml(value)}"`;
  // Event handlers (on…) are never written.
  if (name.length > 2 && (name[0] === 'o' || name[0] === 'O') && (name[1] === 'n' || name[1] === 'N')) return '';
  const attr = ALIASES.get(name) ?? name;
  if (!isSafeName(attr) || isOpaque(value)) return '';
  if (typeof value === 'boolean') {
    const prefix = attr.toLowerCase().slice(0, 5);
    if (prefix !== 'data-' && prefix !== 'aria-') return '';
  }
  return ` ${attr}="${escapeHtml(value)}"`;
}

type Props = Record<string, unknown> & { children?: unknown; dangerouslySetInnerHTML?: { __html?: unknown } | null };

function innerHtml(props: Props): string {
  const inner = props.dangerouslySetInnerHTML;
  if (inner === null || inner === undefined) return '';
  if (props.children !== null && props.children !== undefined) unsupported('children and dangerouslySetInnerHTML');
  if (typeof inner !== 'object' || !('__html' in inner)) return unsupported('dangerouslySetInnerHTML without __html');
  const html = inner.__html;
  return html === null || html === undefined ? '' : `${html as string}`;
}

/** Where the hoisted parts of <head> go (React writes them before the head's other children). */
interface Head {
  charset: string;
  viewport: string;
  hoisted: string;
}

class Writer {
  out = '';
  /** The last thing written was text (the next text needs a separator). */
  text = false;
  head: Head | null = null;
  sawHtml = false;

  node(node: unknown): void {
    if (node === null || node === undefined || typeof node === 'boolean') return;
    if (typeof node === 'string') {
      if (node === '') return;
      if (this.text) this.out += '<!-- -->';
      this.out += escapeHtml(node);
      this.text = true;
      return;
    }
    if (typeof node === 'number' || typeof node === 'bigint') {
      if (this.text) this.out += '<!-- -->';
      this.out += `${node}`;
      this.text = true;
      return;
    }
    if (Array.isArray(node)) {
      for (const child of node) this.node(child);
      return;
    }
    if (typeof node === 'object') {
      const el = node as { $$typeof?: symbol; type?: unknown; props?: Props };
      if (el.$$typeof === ELEMENT || el.$$typeof === LEGACY_ELEMENT) return this.element(el.type, el.props ?? {});
      if (el.$$typeof === undefined && typeof (node as Iterable<unknown>)[Symbol.iterator] === 'function') {
        for (const child of node as Iterable<unknown>) this.node(child);
        return;
      }
    }
    unsupported(`child of type ${typeof node}`);
  }

  element(type: unknown, props: Props): void {
    if (typeof type === 'function') {
      if ((type as { prototype?: { isReactComponent?: unknown } }).prototype?.isReactComponent) unsupported('class component');
      const result: unknown = (type as (p: Props) => unknown)(props);
      if (result && typeof (result as { then?: unknown }).then === 'function') unsupported('async component');
      return this.node(result);
    }
    if (type === FRAGMENT) return this.node(props.children);
    if (typeof type !== 'string') return unsupported('special element type');
    this.host(type, props);
  }

  /** Start tag with every attribute but those in `skip`, then `extra`. */
  start(tag: string, props: Props, skip?: ReadonlySet<string>, extra = ''): string {
    let s = `<${tag}`;
    for (const key in props) {
      if (!Object.prototype.hasOwnProperty.call(props, key) || (skip && skip.has(key))) continue;
      // An anchor keeps an empty href (React writes href="" there and nowhere else).
      s += tag === 'a' && key === 'href' && props[key] === '' ? ' href=""' : attribute(key, props[key]);
    }
    return s + extra;
  }

  children(props: Props, directText: boolean): void {
    const inner = innerHtml(props);
    if (inner) this.out += inner;
    const c = props.children;
    if (directText && typeof c === 'string') this.out += escapeHtml(c);
    else this.node(c);
  }

  host(tag: string, props: Props): void {
    if (!VALID_TAG.test(tag) || tag.includes('-') || NOT_HERE.has(tag)) unsupported(`<${tag}>`);
    if (props.style !== null && props.style !== undefined) unsupported('style');
    switch (tag) {
      case 'html':
        if (this.sawHtml || this.out !== '') unsupported('<html> not at the root');
        this.sawHtml = true;
        break;
      case 'head':
        return this.headElement(props);
      case 'title':
      case 'meta':
      case 'link':
        return this.hoistable(tag, props);
      case 'script':
        return this.script(props);
      case 'img':
        if (props.loading !== 'lazy') unsupported('<img> React may preload');
        return this.selfClosing(tag, props);
      case 'input':
        return this.input(props);
      case 'form':
        return this.form(props);
      case 'button':
        return this.button(props);
      case 'pre':
      case 'listing':
        return this.pre(tag, props);
    }
    if (VOID.has(tag)) return this.selfClosing(tag, props);
    this.out += `${this.start(tag, props)}>`;
    this.text = false;
    this.children(props, true);
    this.out += `</${tag}>`;
    this.text = false;
  }

  selfClosing(tag: string, props: Props): void {
    if ((props.children !== null && props.children !== undefined) || props.dangerouslySetInnerHTML) unsupported(`<${tag}> with children`);
    this.out += `${this.start(tag, props)}/>`;
    this.text = false;
  }

  headElement(props: Props): void {
    if (this.head || !this.sawHtml) unsupported('<head> not in <html>');
    const before = this.out;
    const head: Head = { charset: '', viewport: '', hoisted: '' };
    this.head = head;
    this.out = '';
    this.text = false;
    this.children(props, false);
    const rest = this.out;
    this.head = null;
    this.out = `${before}${this.start('head', props)}>${head.charset}${head.viewport}${head.hoisted}${rest}</head>`;
    this.text = false;
  }

  /** <title>, <meta>, <link>: React moves them into the head's hoisted part; only written here inside <head>. */
  hoistable(tag: 'title' | 'meta' | 'link', props: Props): void {
    const head = this.head;
    if (!head || (props.itemProp !== null && props.itemProp !== undefined)) return unsupported(`<${tag}> outside <head>`);
    if (this.text) unsupported(`text before <${tag}>`);
    if (tag === 'title') {
      let s = `${this.start('title', props, SKIP_CHILDREN)}>`;
      const c = props.children;
      const one = Array.isArray(c) ? (c.length < 2 ? (c[0] as unknown) : null) : c;
      if (one !== null && one !== undefined && !isOpaque(one)) s += escapeHtml(one);
      s += innerHtml({ ...props, children: undefined });
      head.hoisted += `${s}</title>`;
      return;
    }
    if ((props.children !== null && props.children !== undefined) || props.dangerouslySetInnerHTML) unsupported(`<${tag}> with children`);
    const s = `${this.start(tag, props)}/>`;
    if (tag === 'meta') {
      if (typeof props.charSet === 'string') head.charset += s;
      else if (props.name === 'viewport') head.viewport += s;
      else head.hoisted += s;
      return;
    }
    const { rel, href } = props;
    if (typeof rel !== 'string' || typeof href !== 'string' || href === '' || props.onLoad || props.onError) unsupported('<link> React writes in place');
    if (rel === 'stylesheet') {
      // A stylesheet without precedence stays where it is; with one it is a React resource.
      if (typeof props.precedence === 'string' && (props.disabled === null || props.disabled === undefined)) unsupported('<link> with precedence');
      this.out += s;
      this.text = false;
      return;
    }
    head.hoisted += s;
  }

  script(props: Props): void {
    if (typeof props.src === 'string' && props.src && props.async && !isOpaque(props.async)) unsupported('async script (a React resource)');
    if (props.children !== null && props.children !== undefined) unsupported('inline script');
    this.out += `${this.start('script', props)}>${innerHtml(props)}</script>`;
    this.text = false;
  }

  input(props: Props): void {
    if ((props.children !== null && props.children !== undefined) || props.dangerouslySetInnerHTML) unsupported('<input> with children');
    if (typeof props.formAction === 'function') unsupported('form action function');
    let extra = formAttributes(props, 'name', 'formAction', 'formEncType', 'formMethod', 'formTarget');
    const checked = props.checked ?? props.defaultChecked;
    if (checked !== null && checked !== undefined && checked && !isOpaque(checked)) extra += ' checked=""';
    const value = props.value ?? props.defaultValue;
    if (value !== null && value !== undefined) extra += attribute('value', value);
    this.out += `${this.start('input', props, INPUT_OWN, extra)}/>`;
    this.text = false;
  }

  form(props: Props): void {
    if (typeof props.action === 'function') unsupported('form action function');
    const extra = formAttributes(props, 'action', 'encType', 'method', 'target');
    this.out += `${this.start('form', props, FORM_OWN, extra)}>`;
    this.text = false;
    this.children(props, true);
    this.out += '</form>';
    this.text = false;
  }

  button(props: Props): void {
    if (typeof props.formAction === 'function') unsupported('form action function');
    const extra = formAttributes(props, 'name', 'formAction', 'formEncType', 'formMethod', 'formTarget');
    this.out += `${this.start('button', props, BUTTON_OWN, extra)}>`;
    this.text = false;
    this.children(props, true);
    this.out += '</button>';
    this.text = false;
  }

  pre(tag: string, props: Props): void {
    this.out += `${this.start(tag, props)}>`;
    this.text = false;
    const inner = innerHtml(props);
    if (inner) this.out += inner[0] === '\n' ? `\n${inner}` : inner;
    const c = props.children;
    if (typeof c === 'string' && c[0] === '\n') this.out += '\n';
    this.node(c);
    this.out += `</${tag}>`;
    this.text = false;
  }
}

const SKIP_CHILDREN = new Set(['children', 'dangerouslySetInnerHTML']);
const INPUT_OWN = new Set(['name', 'formAction', 'formEncType', 'formMethod', 'formTarget', 'checked', 'defaultChecked', 'value', 'defaultValue']);
const FORM_OWN = new Set(['action', 'encType', 'method', 'target']);
const BUTTON_OWN = new Set(['name', 'formAction', 'formEncType', 'formMethod', 'formTarget']);

/** The attributes React writes after all others on form controls, in its order. */
function formAttributes(props: Props, ...names: string[]): string {
  let s = '';
  for (const n of names) if (props[n] !== null && props[n] !== undefined) s += attribute(n, props[n]);
  return s;
}

/** The HTML of a tree this renderer supports, or UnsupportedTree. */
export function renderHtml(element: ReactElement): string {
  const w = new Writer();
  w.node(element);
  return w.out;
}

const checkAgainstReact = process.env.NODE_ENV === 'test';

/** The HTML of a page: written here when the tree allows (see the top of this file), by React otherwise. */
export function renderDocument(element: ReactElement): string {
  let html: string;
  try {
    html = renderHtml(element);
  } catch {
    // UnsupportedTree, or a component's own error (React meets it too and reports it as it always did).
    return renderToString(element);
  }
  if (checkAgainstReact) {
    const react = renderToString(element);
    if (react !== html) {
      let i = 0;
      while (i < html.length && html[i] === react[i]) i++;
      throw new Error(
        `renderHtml differs from React's renderToString at ${i}:\n ours:  …${html.slice(Math.max(0, i - 80), i + 80)}\n react: …${react.slice(Math.max(0, i - 80), i + 80)}`,
      );
    }
  }
  return html;
}
