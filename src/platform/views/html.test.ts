import { createElement as h, Component, Fragment, useState, type ReactElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Page } from './layout.tsx';
import { renderDocument, renderHtml, UnsupportedTree } from './html.ts';

const site = {
  countyName: '泗阳县',
  countyCode: '321323',
  siteName: '泗阳县政务公开',
  host: '泗阳县人民政府办公室',
  address: '众兴镇 <路> & "号"',
  postalCode: '223700',
  phone: '0527-1234',
};

function page(body: ReactElement, elder = false): ReactElement {
  return h(Page, {
    title: '卜湖社区 & "首页"',
    description: "d 'q' <x>",
    site,
    nav: [
      { href: '/', label: '首页', order: 0 },
      { href: '/units', label: '单位目录', order: 10 },
    ],
    elder,
    url: 'http://x.test/units?q=a&b=<c>',
    back: '/units?q=a&b=c',
    activePath: '/units',
    breadcrumbs: [{ label: '泗阳县', href: '/' }, { label: '卜湖社区' }],
    body,
  });
}

const Row = ({ n }: { n: number }) =>
  h('li', { className: n % 2 ? 'odd' : undefined, 'data-n': n, 'aria-current': n === 2 ? 'page' : undefined }, `第${n}条`, ' · ', n);

const bodies: Record<string, ReactElement> = {
  text: h(
    Fragment,
    null,
    h('h1', null, '卜湖 & "x" \'y\' <b>'),
    h('p', null, 'a', 'b', 1, 2n, null, '', false, 'c', h('span', null, 'd'), 'e', undefined, true, 0),
    h('p', null, ['x', ['y', 'z']], new Set(['s1', 's2'])),
    h('p', null, h(Fragment, null, 'in'), h(Fragment, null, 'a fragment')),
  ),
  forms: h(
    'form',
    { className: 'search-form', method: 'get', action: '/units', role: 'search', 'aria-label': '查找单位', noValidate: true },
    h('label', { htmlFor: 'q' }, '查找'),
    h('input', { id: 'q', name: 'q', type: 'search', defaultValue: '', maxLength: 50, placeholder: '例如"卜湖"', autoComplete: 'off', required: true }),
    h('input', { type: 'checkbox', name: 'c', defaultChecked: true, value: '1', disabled: false }),
    h('input', { type: 'radio', name: 'r', checked: false, defaultChecked: true, readOnly: true, value: 0 }),
    h('input', { type: 'hidden', name: 'csrf', value: 'a&b', formAction: '/x', formMethod: 'post' }),
    h('button', { type: 'submit', name: 'go', value: 'yes', formNoValidate: true }, '查找'),
    h('button', { type: 'button', autoFocus: true, multiple: false }, h('span', null, 'x'), 'y'),
  ),
  attributes: h(
    'div',
    {
      id: 'a',
      tabIndex: -1,
      hidden: true,
      inert: false,
      draggable: true,
      spellCheck: false,
      contentEditable: 'true',
      dir: 'ltr',
      onClick: () => {},
      ref: null,
    },
    h('a', { href: '' }, 'empty href'),
    h('a', { href: 'javascript:alert(1)', target: '_blank', rel: 'noopener', download: true }, 'blocked'),
    h('a', { href: ' \tJaVa\nscript:x', download: 'f.pdf' }, 'blocked too'),
    h('div', { dangerouslySetInnerHTML: { __html: '<svg role="img"><title>图</title></svg>' } }),
    h('table', null, h('tbody', null, h('tr', null, h('td', { colSpan: 2, rowSpan: 0 }, 'x'), h('td', { colSpan: 'a' }, 'y')))),
    h('ol', { start: 3, reversed: true }, h('li', null, 'three')),
    h('textual', null),
    h('pre', null, '\nfirst line kept'),
    h('pre', { dangerouslySetInnerHTML: { __html: '\nraw' } }),
    h('br'),
    h('hr', { className: 'sep' }),
    h('img', { src: '/p.jpg', alt: '照片 "1"', loading: 'lazy', width: 100 }),
    h('iframe', { src: '', title: 't' }),
    h('meter', { value: 3, min: 0, max: 10, 'data-ok': false, 'aria-hidden': true, weird: true, xlinkHref: '#a', xmlLang: 'zh' }),
    h('time', { dateTime: '2026-12-08', 'bad name': 'x', acceptCharset: 'utf-8', httpEquiv: 'refresh', crossOrigin: 'anonymous' }, '12月8日'),
    h('details', { open: true }, h('summary', null, '更多')),
    h('video', { controls: true, muted: true, playsInline: true, size: 0, cols: 3 }),
  ),
  components: h(
    'ul',
    null,
    [1, 2, 3].map((n) => h(Row, { key: n, n })),
  ),
};

describe('renderHtml writes what React writes', () => {
  for (const [name, body] of Object.entries(bodies)) {
    it(`${name} (standard and elder page)`, () => {
      for (const elder of [false, true]) {
        const el = page(body, elder);
        expect(renderHtml(el)).toBe(renderToString(el));
        expect(renderDocument(el)).toBe(renderToString(el));
      }
    });
  }

  it('random element trees (tags, attributes, text with markup characters) come out the same', () => {
    const text = fc.oneof(fc.constantFrom('', 'a', '&', '<b>', '"q"', "'", '卜湖', '\n'), fc.string({ maxLength: 6 }));
    const attrValue = fc.oneof(text, fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const attrName = fc.constantFrom(
      'id',
      'className',
      'title',
      'href',
      'src',
      'hidden',
      'disabled',
      'tabIndex',
      'data-x',
      'aria-label',
      'role',
      'value',
      'colSpan',
      'rows',
      'start',
      'download',
      'lang',
      'onClick',
      'htmlFor',
      'width',
    );
    const tag = fc.constantFrom('div', 'span', 'p', 'a', 'li', 'section', 'h2', 'td', 'label', 'em', 'pre', 'button', 'input', 'br', 'form');
    const tree: fc.Arbitrary<ReactNode> = fc.letrec<{ node: ReactNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.integer({ min: 0, max: 99 }),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc
          .record({ t: tag, attrs: fc.dictionary(attrName, attrValue, { maxKeys: 4 }), kids: fc.array(tie('node'), { maxLength: 3 }) })
          .map(({ t, attrs, kids }) => (t === 'input' || t === 'br' ? h(t, attrs) : h(t, attrs, ...kids))),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (node) => {
        const el = page(h('div', { className: 'random' }, node));
        expect(renderHtml(el)).toBe(renderToString(el));
      }),
      { numRuns: 300, seed: 20261208 },
    );
  });
});

class Legacy extends Component {
  override render() {
    return h('p', null, 'class');
  }
}
function WithState() {
  const [n] = useState(1);
  return h('p', null, n);
}

describe('trees outside the subset are rendered by React', () => {
  const cases: Record<string, ReactElement> = {
    'a style attribute': h('img', { src: '/p.jpg', loading: 'lazy', style: { maxWidth: '100%', maxHeight: 240 } }),
    'a select with a value': h('select', { name: 's', defaultValue: 'b' }, h('option', { value: 'a' }, 'A'), h('option', { value: 'b' }, 'B')),
    'a textarea': h('textarea', { name: 't', defaultValue: '\n内容' }),
    'a class component': h(Legacy),
    'a title outside <head>': h('title', null, '正文中的标题'),
    'an async script': h('script', { src: '/a.js', async: true }),
    'an image React may preload': h('img', { src: '/big.jpg', alt: '' }),
    'an inline svg': h('svg', { viewBox: '0 0 10 10' }, h('title', null, 't')),
  };
  for (const [name, body] of Object.entries(cases)) {
    it(name, () => {
      const el = page(body);
      expect(() => renderHtml(el)).toThrow(UnsupportedTree);
      expect(renderDocument(el)).toBe(renderToString(el));
    });
  }

  it('a component with a hook (it fails outside React, so React renders the page)', () => {
    const el = page(h(WithState));
    expect(() => renderHtml(el)).toThrow();
    expect(renderDocument(el)).toBe(renderToString(el));
    expect(renderDocument(el)).toContain('<p>1</p>');
  });

  it("a component's own error is React's error, as before", () => {
    const Broken = () => {
      throw new Error('组件出错');
    };
    expect(() => renderDocument(page(h(Broken)))).toThrow('组件出错');
  });
});
