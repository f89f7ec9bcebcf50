/**
 * Draws the SVG that ECharts renders on the server (`renderer: 'svg', ssr: true`) onto a PDFKit page, so the
 * printable report carries the same charts as the screen. It understands the flat subset ECharts emits:
 * <g transform>, <rect>, <path d>, <polyline>, <polygon>, <line>, <circle>, <text> with fill/stroke/opacity
 * and translate/matrix transforms; anything else is skipped. Text uses the document's CJK font.
 */
type Doc = PDFKit.PDFDocument;

const ATTR = /([a-zA-Z-:]+)="([^"]*)"/g;
const ELEMENT = /<(rect|path|polyline|polygon|line|circle|text)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)|<g\b([^>]*?)(\/?)>|<\/g>/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[m[1]] = m[2];
  const style = out.style;
  if (style) {
    for (const part of style.split(';')) {
      const [k, v] = part.split(':').map((x) => x?.trim());
      if (k && v) out[k] = v;
    }
  }
  return out;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** A colour PDFKit accepts, plus its alpha; null for none/transparent. */
function paint(v: string | undefined): { color: string | [number, number, number]; alpha: number } | null {
  if (!v || v === 'none' || v === 'transparent') return null;
  const rgba = /^rgba?\(([^)]+)\)$/.exec(v);
  if (rgba) {
    const [r, g, b, a] = rgba[1].split(',').map((x) => Number(x.trim()));
    if (a === 0) return null;
    return { color: [r, g, b], alpha: Number.isFinite(a) ? a : 1 };
  }
  return { color: v, alpha: 1 };
}

function applyTransform(doc: Doc, t: string | undefined): void {
  if (!t) return;
  for (const m of t.matchAll(/(translate|matrix|scale|rotate)\(([^)]*)\)/g)) {
    const n = m[2]
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (m[1] === 'translate') doc.translate(n[0] ?? 0, n[1] ?? 0);
    else if (m[1] === 'matrix' && n.length === 6) doc.transform(n[0], n[1], n[2], n[3], n[4], n[5]);
    else if (m[1] === 'scale') doc.scale(n[0] ?? 1, n[1] ?? n[0] ?? 1);
    else if (m[1] === 'rotate') doc.rotate(n[0] ?? 0, { origin: [n[1] ?? 0, n[2] ?? 0] });
  }
}

function fillAndStroke(doc: Doc, a: Record<string, string>, defaultFill: string | null): void {
  const fill = paint(a.fill ?? defaultFill ?? undefined);
  const stroke = paint(a.stroke);
  const opacity = a.opacity ? Number(a.opacity) : 1;
  if (stroke) doc.lineWidth(a['stroke-width'] ? Number(a['stroke-width']) : 1);
  if (fill) doc.fillOpacity(fill.alpha * (a['fill-opacity'] ? Number(a['fill-opacity']) : 1) * opacity);
  if (stroke) doc.strokeOpacity(stroke.alpha * (a['stroke-opacity'] ? Number(a['stroke-opacity']) : 1) * opacity);
  if (fill && stroke) doc.fillAndStroke(fill.color as string, stroke.color as string);
  else if (fill) doc.fill(fill.color as string);
  else if (stroke) doc.stroke(stroke.color as string);
}

/** Draws `svg` with its top-left corner at (x, y), scaled to `width` points. Returns the drawn height. */
export function drawSvg(doc: Doc, svg: string, x: number, y: number, width: number, font: string): number {
  const head = /<svg\b([^>]*)>/.exec(svg);
  const ha = head ? attrs(head[1]) : {};
  const vb = (ha.viewBox ?? `0 0 ${ha.width ?? 600} ${ha.height ?? 300}`).split(/[\s,]+/).map(Number);
  const scale = width / vb[2];
  doc.save();
  doc.translate(x, y).scale(scale);
  let depth = 0;
  for (const m of svg.matchAll(ELEMENT)) {
    if (!m[1]) {
      // <g transform=…> opens a group (its transform applies to everything inside); </g> closes it.
      if (m[0] === '</g>') {
        if (depth > 0) {
          doc.restore();
          depth--;
        }
      } else if (m[6] !== '/') {
        doc.save();
        applyTransform(doc, attrs(m[5] ?? '').transform);
        depth++;
      }
      continue;
    }
    const tag = m[1];
    const a = attrs(m[2]);
    // An element with nothing to paint (ECharts' invisible hit areas) must not leave a path behind: the next
    // fill would paint it too.
    const defaultFill = tag === 'path' || tag === 'polygon' || tag === 'circle' || tag === 'text' ? '#000' : null;
    if (!paint(a.fill ?? defaultFill ?? undefined) && !(tag !== 'text' && paint(a.stroke))) continue;
    doc.save();
    applyTransform(doc, a.transform);
    switch (tag) {
      case 'rect':
        if (paint(a.fill) || paint(a.stroke)) {
          doc.rect(Number(a.x ?? 0), Number(a.y ?? 0), Number(a.width ?? 0), Number(a.height ?? 0));
          fillAndStroke(doc, a, null);
        }
        break;
      case 'path':
        if (a.d) {
          doc.path(a.d);
          fillAndStroke(doc, a, '#000');
        }
        break;
      case 'polyline':
      case 'polygon': {
        const pts = (a.points ?? '')
          .trim()
          .split(/[\s,]+/)
          .map(Number);
        if (pts.length >= 4) {
          doc.moveTo(pts[0], pts[1]);
          for (let i = 2; i + 1 < pts.length; i += 2) doc.lineTo(pts[i], pts[i + 1]);
          if (tag === 'polygon') doc.closePath();
          fillAndStroke(doc, a, tag === 'polygon' ? '#000' : null);
        }
        break;
      }
      case 'line':
        doc.moveTo(Number(a.x1 ?? 0), Number(a.y1 ?? 0)).lineTo(Number(a.x2 ?? 0), Number(a.y2 ?? 0));
        fillAndStroke(doc, { ...a, fill: 'none' }, null);
        break;
      case 'circle':
        doc.circle(Number(a.cx ?? 0), Number(a.cy ?? 0), Number(a.r ?? 0));
        fillAndStroke(doc, a, '#000');
        break;
      case 'text': {
        const text = decode((m[4] ?? '').replace(/<[^>]+>/g, ''));
        if (!text) break;
        const size = Number((a['font-size'] ?? '12').replace('px', '')) || 12;
        doc.font(font).fontSize(size);
        const w = doc.widthOfString(text);
        let tx = Number(a.x ?? 0);
        let ty = Number(a.y ?? 0);
        if (a['text-anchor'] === 'middle') tx -= w / 2;
        else if (a['text-anchor'] === 'end') tx -= w;
        const baseline = a['dominant-baseline'];
        if (baseline === 'central' || baseline === 'middle') ty -= size * 0.6;
        else if (baseline !== 'hanging' && baseline !== 'text-before-edge') ty -= size * 0.9;
        const fill = paint(a.fill ?? '#000');
        if (fill) {
          doc.fillOpacity(fill.alpha);
          doc.fillColor(fill.color as string).text(text, tx, ty, { lineBreak: false });
        }
        break;
      }
    }
    doc.restore();
  }
  for (; depth > 0; depth--) doc.restore();
  doc.restore();
  return vb[3] * scale;
}
