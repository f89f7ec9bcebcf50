/**
 * The large libraries the platform uses only for some outputs — exceljs (spreadsheets), pdfkit (PDF),
 * echarts (chart SVG), and search's text analysis: jieba with its dictionary and pinyin-pro with its
 * tables — loaded on first use instead of at start. The first three were about 95 MB of resident memory
 * and 0.5 s of start-up in every process (the server, each CLI command, each test worker); jieba and
 * pinyin-pro about 75 MB more (issue 14), although a process serving public pages never builds a
 * spreadsheet or a PDF and segments text only when a search, a suggestion or the index job comes.
 * Loading is synchronous (Node's require of the packages' CommonJS builds), so callers stay as they were.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type * as EChartsNs from 'echarts';
import type PDFDocument from 'pdfkit';
import type * as JiebaNs from '@node-rs/jieba';
import type * as PinyinNs from 'pinyin-pro';

const require = createRequire(import.meta.url);

let excel: typeof ExcelJS | undefined;
let pdfkit: typeof PDFDocument | undefined;
let charts: typeof EChartsNs | undefined;
let jieba: { Jieba: typeof JiebaNs.Jieba; dict: Uint8Array } | undefined;
let pinyinPro: typeof PinyinNs | undefined;

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

/** @node-rs/jieba's Jieba class and its bundled dictionary (the dictionary alone is tens of MB once loaded). */
export function jiebaLib(): { Jieba: typeof JiebaNs.Jieba; dict: Uint8Array } {
  jieba ??= { Jieba: (require('@node-rs/jieba') as typeof JiebaNs).Jieba, dict: (require('@node-rs/jieba/dict.js') as { dict: Uint8Array }).dict };
  return jieba;
}

/** The pinyin-pro namespace (its dictionary tables load with the package). */
export function pinyinLib(): typeof PinyinNs {
  pinyinPro ??= require('pinyin-pro') as typeof PinyinNs;
  return pinyinPro;
}
