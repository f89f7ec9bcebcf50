import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { drawSvg } from './svg-to-pdf.ts';

/** The raw (uncompressed) content stream of a one-page PDF with the SVG drawn on it. */
async function contentOf(svg: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  drawSvg(doc, svg, 50, 50, 360, 'Helvetica');
  doc.end();
  await done;
  return Buffer.concat(chunks).toString('latin1');
}

describe('drawSvg', () => {
  it('paints visible shapes and skips invisible hit areas (they must not join the next fill)', async () => {
    const pdf = await contentOf(
      '<svg viewBox="0 0 720 260"><path d="M0 0l54 0l0 14l-54 0Z" fill="none"></path><path d="M10 10l20 0l0 20l-20 0Z" fill="#ff0000"></path><rect x="1" y="2" width="3" height="4" fill="none"></rect></svg>',
    );
    expect(pdf).toMatch(/1 0 0 scn\s+f/); // the red fill, then the fill itself
    expect(pdf).not.toContain('54 0 l');
    expect(pdf).toMatch(/10 10 m[\s\S]*f/);
    expect(pdf).not.toContain('1 2 3 4 re');
  });

  it('applies group and element transforms and scales the viewBox to the width', async () => {
    const pdf = await contentOf(
      '<svg viewBox="0 0 720 260"><g transform="translate(5 6)"><path d="M0 0L1 1" stroke="#000"></path></g><text x="1" y="2" transform="translate(100 50)" fill="#333">AB</text></svg>',
    );
    expect(pdf).toContain('0.5 0 0 0.5 0 0 cm'); // 360 / 720
    expect(pdf).toContain('1 0 0 1 5 6 cm');
    expect(pdf).toContain('1 0 0 1 100 50 cm');
    expect(pdf).toMatch(/\[<[0-9a-f]+> ?\d*\] TJ|<[0-9a-f]+> Tj/i);
  });
});
