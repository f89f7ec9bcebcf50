/**
 * The three large libraries the platform uses only for some outputs — exceljs (spreadsheets), pdfkit
 * (PDF) and echarts (chart SVG) — loaded on first use instead of at start. Together they were about
 * 95 MB of resident memory and 0.5 s of start-up in every process (the server, each CLI command, each
 * test worker), although a process serving public pages never builds a spreadsheet or a PDF.
 * Loading is synchronous (Node's require of the packages' CommonJS builds), so callers stay as they were.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type * as EChartsNs from 'echarts';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

let excel: typeof ExcelJS | undefined;
let pdfkit: typeof PDFDocument | undefined;
let charts: typeof EChartsNs | undefined;

/** A new, empty exceljs workbook. */
export function newWorkbook(): ExcelJS.Workbook {
  excel ??= require('exceljs') as typeof ExcelJS;
  return new excel.Workbook();
}

/** A new pdfkit document. */
export function newPdfDocument(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  pdfkit ??= require('pdfkit') as typeof PDFDocument;
  return new pdfkit(options);
}

/** The echarts namespace (server-side rendering to SVG). */
export function echarts(): typeof EChartsNs {
  charts ??= require('echarts') as typeof EChartsNs;
  return charts;
}
