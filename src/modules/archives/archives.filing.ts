/**
 * Filing (归档): the queue of records whose display period ended, filing one into its yearly volume with 档号,
 * registering non-disclosed paper records, scans, legal holds, search and browse. One command per use case,
 * each in one transaction with its audit event; the SHA-256 of every filed file is in that event (audit chain).
 */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { lockForUpdate, type Executor } from '../../platform/db/database.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { searchAuditEvents } from '../../platform/audit/audit-log.ts';
import { findUnit } from '../org/index.ts';
import { filingMaterial, listEndedDisplays, readStoredFile, sha256Of, sniffFileType, storeFile } from '../publishing/index.ts';
import { archiveRoots, canKeep, canSeeArchive } from './archives.policy.ts';
import { archivalCode, dueForAppraisal, isRetention, keepUntil, MAX_ITEM_NO, proposeClass, RETENTIONS, type Retention } from './archives.rules.ts';
import {
  boardPhotosOfDisclosure,
  countItemFiles,
  filedDisclosuresQuery,
  findClass,
  findItem,
  findItemByDisclosure,
  insertItem,
  insertItemFiles,
  listClasses,
  listItemFiles,
  listVolumes,
  pageVolumes,
  nextItemNo,
  openLoans,
  searchItems,
  updateItems,
  type ItemRow,
  type VolumeRow,
  listPublicDestroyed,
} from './archives.repository.ts';
import type { ArchiveItemFileTable } from './archives.tables.ts';

/** Advisory lock (PostgreSQL) serialising item numbers within volumes; SQLite has one writer. */
export const ITEM_NO_LOCK_KEY = 77_620_001;
export const SCAN_TYPES = ['pdf', 'png', 'jpeg'] as const;
export const MAX_SCAN_BYTES = 30 * 1024 * 1024;
export const FILE_ROLES = { version: '公开版本', signoffs: '审核签字记录', attachment: '附件', board_photo: '公开栏照片', scan: '纸质档案扫描件' } as const;

const itemNotFound = () => fail(404, 'ARCHIVE_ITEM_NOT_FOUND', '档案不存在或不在您的管理范围内');
const unitNotFound = (code: string) => fail(404, 'UNIT_NOT_FOUND', `单位“${code}”不存在或不在您的管理范围内`);

export interface ItemFileView {
  id: string;
  seq: number;
  role: string;
  roleLabel: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  url: string;
}

export type ItemView = {
  id: string;
  archivalCode: string;
  unit: { code: string; name: string };
  year: number;
  classCode: string;
  className: string;
  itemNo: number;
  title: string;
  kind: 'disclosure' | 'record';
  disclosureId: string | null;
  recordType: string | null;
  formedOn: string;
  retention: Retention;
  retentionLabel: string;
  keepUntil: string | null;
  wasPublic: boolean;
  paperLocation: string | null;
  pages: number | null;
  custody: { code: string; name: string };
  /** 提级管理: held by the town (代管), not by the unit that formed it. */
  inCustody: boolean;
  status: 'filed' | 'destroyed';
  legalHold: boolean;
  holdReason: string | null;
  dueForAppraisal: boolean;
  filedAt: string;
  filedBy: string | null;
  isDemo: boolean;
  files?: ItemFileView[];
};

export function itemView(r: ItemRow, today: string, files?: ArchiveItemFileTable[]): ItemView {
  return {
    id: r.id,
    archivalCode: r.archival_code,
    unit: { code: r.unit_code, name: r.unit_name },
    year: r.year,
    classCode: r.class_code,
    className: r.class_name,
    itemNo: r.item_no,
    title: r.title,
    kind: r.kind as ItemView['kind'],
    disclosureId: r.disclosure_id,
    recordType: r.record_type,
    formedOn: r.formed_on,
    retention: r.retention as Retention,
    retentionLabel: RETENTIONS[r.retention as Retention] ?? r.retention,
    keepUntil: r.keep_until,
    wasPublic: r.was_public === 1,
    paperLocation: r.paper_location,
    pages: r.pages,
    custody: { code: r.custody_unit_code, name: r.custody_unit_name },
    inCustody: r.custody_unit_code !== r.unit_code,
    status: r.status as ItemView['status'],
    legalHold: r.legal_hold === 1,
    holdReason: r.hold_reason,
    dueForAppraisal: dueForAppraisal(r, today),
    filedAt: r.filed_at,
    filedBy: r.filed_by,
    isDemo: r.is_demo === 1,
    ...(files
      ? {
          files: files.map((f) => ({
            id: f.id,
            seq: f.seq,
            role: f.role,
            roleLabel: FILE_ROLES[f.role as keyof typeof FILE_ROLES] ?? f.role,
            name: f.name,
            type: f.type,
            size: f.size,
            sha256: f.sha256,
            url: `/api/v1/archives/items/${r.id}/files/${f.id}`,
          })),
        }
      : {}),
  };
}

/** One item as a line of a list (销毁清单, 移交清单): 档号, title, year, class and period. */
export const catalogueLine = (i: ItemRow) => ({
  id: i.id,
  archivalCode: i.archival_code,
  title: i.title,
  year: i.year,
  className: i.class_name,
  retentionLabel: RETENTIONS[i.retention as Retention] ?? i.retention,
});

const yearOf = (period: string | null, formedOn: string) => Number((period && /^\d{4}/.test(period) ? period : formedOn).slice(0, 4));

function checkYear(year: number, today: string): Result<number> {
  if (!Number.isInteger(year) || year < 1949 || year > Number(today.slice(0, 4)))
    return fail(400, 'INVALID_YEAR', `年度应为1949年至${today.slice(0, 4)}年之间的整数`);
  return ok(year);
}

/** The subtrees a list reads: the actor's archive scope, or one unit of it (404 outside, its existence not leaked). */
export async function listRoots(ctx: AppContext, actor: Actor, unitCode?: string): Promise<Result<string[]>> {
  if (!unitCode) return ok(archiveRoots(actor));
  const unit = await findUnit(ctx.db, unitCode);
  return unit && canSeeArchive(actor, unit.path) ? ok([unit.path]) : unitNotFound(unitCode);
}

// ----- the filing queue ---------------------------------------------------------------------------------------------

export type QueueEntry = {
  disclosureId: string;
  unit: { code: string; name: string };
  title: string;
  indexNo: string | null;
  itemKey: string | null;
  period: string | null;
  publishedAt: string;
  displayEnd: string;
  year: number;
  proposedClass: { code: string; name: string; retention: Retention; retentionLabel: string } | null;
};

/**
 * One page of the records of the caller's scope (or of one unit) that are 往期公开 and not yet filed, each with the
 * class and period the county's table proposes, and how many there are: one statement (publishing's ended displays
 * with the filed ones left out by sub-query), paged in SQL. Computed on read; nothing is written.
 */
export async function filingQueue(
  ctx: AppContext,
  actor: Actor,
  q: { unitCode?: string; limit: number; offset: number },
): Promise<Result<{ total: number; items: QueueEntry[] }>> {
  const today = chinaDate(ctx.clock.now());
  const roots = await listRoots(ctx, actor, q.unitCode);
  if (!roots.ok) return roots;
  const [classes, ended] = await Promise.all([
    listClasses(ctx.db),
    listEndedDisplays(ctx.db, { roots: roots.value, today, limit: q.limit, offset: q.offset, leaveOut: filedDisclosuresQuery(ctx.db) }),
  ]);
  return ok({
    total: ended.total,
    items: ended.items.map((e) => {
      const c = proposeClass(classes, e.itemKey);
      return {
        disclosureId: e.id,
        unit: { code: e.unitCode, name: e.unitName },
        title: e.title,
        indexNo: e.indexNo,
        itemKey: e.itemKey,
        period: e.period,
        publishedAt: e.publishedAt,
        displayEnd: e.displayEnd,
        year: yearOf(e.period, e.formedOn),
        proposedClass: c ? { code: c.code, name: c.name, retention: c.retention as Retention, retentionLabel: RETENTIONS[c.retention as Retention] } : null,
      };
    }),
  });
}

// ----- filing a disclosure --------------------------------------------------------------------------------------------

export interface FileInput {
  disclosureId: string;
  /** Default: the class the county's table proposes for the record's catalog item. */
  classCode?: string;
  /** Default: the year of the record's period, else of its formation date. */
  year?: number;
}

type PendingFile = Omit<ArchiveItemFileTable, 'id' | 'item_id' | 'created_at'>;

/** Canonical JSON (sorted keys) of a document written into the archive, so the same content always hashes the same. */
function canonicalJson(value: unknown): Buffer {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return Buffer.from(`${JSON.stringify(sort(value), null, 2)}\n`, 'utf8');
}

export async function fileDisclosure(ctx: AppContext, meta: CommandMeta & { actor: Actor }, input: FileInput): Promise<Result<ItemView>> {
  const today = chinaDate(ctx.clock.now());
  const material = await filingMaterial(ctx.db, input.disclosureId);
  const unit = material ? await findUnit(ctx.db, material.disclosure.unit_code) : undefined;
  if (!material || !unit || !canSeeArchive(meta.actor, unit.path)) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开记录不存在或不在您的管理范围内');
  if (!canKeep(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '只有档案管理员可以归档');
  const d = material.disclosure;
  if (d.status !== 'published' || d.current_version === 0)
    return fail(409, 'NOT_PUBLISHED', d.status === 'withdrawn' ? '该记录已撤回，不进入归档队列' : '该记录尚未发布，不能归档');
  const end = d.display_planned_end ?? d.display_min_end;
  if (!end || today <= end)
    return fail(409, 'STILL_ON_DISPLAY', end ? `该记录公示至${end}，公示期满后才能归档` : '该记录长期公开，没有公示期满日，不进入归档队列');
  const year = checkYear(input.year ?? yearOf(d.period, d.formed_on), today);
  if (!year.ok) return year;
  const classes = await listClasses(ctx.db);
  const cls = input.classCode ? classes.find((c) => c.code === input.classCode) : proposeClass(classes, d.item_key);
  if (!cls)
    return input.classCode
      ? fail(400, 'CLASS_NOT_FOUND', `档案类别“${input.classCode}”不在县级归档范围表中`)
      : fail(400, 'CLASS_REQUIRED', '县级归档范围表没有为该公开事项指定类别，请选择档案类别');
  if (cls.active !== 1) return fail(409, 'CLASS_INACTIVE', `档案类别“${cls.name}”已停用，请选择其他类别`);
  if (!isRetention(cls.retention)) return fail(409, 'CLASS_INVALID', `档案类别“${cls.name}”的保管期限无效，请县级先修正归档范围表`);

  // The documents written for the archive (published versions, the review record) go to the store before the
  // transaction; the store is content-addressed, so a failed filing leaves only an unreferenced file the sweep removes.
  const current = material.versions.find((v) => v.version_no === d.current_version)!;
  const pending: PendingFile[] = [];
  let seq = 0;
  for (const v of material.versions) {
    const buf = canonicalJson({
      document: 'gongkai.archive.disclosure-version',
      disclosureId: d.id,
      indexNo: d.index_no,
      unitCode: d.unit_code,
      version: v.version_no,
      title: v.title,
      docNo: v.doc_no,
      bodyHtml: v.body_html,
      tables: v.tables_json ? JSON.parse(v.tables_json) : null,
      publicTitle: v.public_title,
      publicBodyHtml: v.public_body_html,
      publicTables: v.public_tables_json ? JSON.parse(v.public_tables_json) : null,
      reason: v.reason,
      contentHash: v.content_hash,
      createdAt: v.created_at,
    });
    pending.push({
      seq: ++seq,
      role: 'version',
      name: `第${v.version_no}版.json`,
      type: 'json',
      size: buf.length,
      sha256: await storeFile(ctx.config.dataDir, buf),
      public: 0,
    });
  }
  const signoffs = canonicalJson({
    document: 'gongkai.archive.review-record',
    disclosureId: d.id,
    steps: material.steps.map((s) => ({
      seq: s.seq,
      action: s.action,
      from: s.from_status,
      to: s.to_status,
      actor: s.actor_name,
      role: s.role,
      comment: s.comment,
      at: s.at,
    })),
  });
  pending.push({
    seq: ++seq,
    role: 'signoffs',
    name: '审核签字记录.json',
    type: 'json',
    size: signoffs.length,
    sha256: await storeFile(ctx.config.dataDir, signoffs),
    public: 0,
  });
  for (const a of material.attachments) pending.push({ seq: ++seq, role: 'attachment', name: a.name, type: a.type, size: a.size, sha256: a.sha256, public: 0 });
  const onBoards = await boardPhotosOfDisclosure(ctx.db, d.id);
  for (const e of material.evidence) {
    pending.push({
      seq: ++seq,
      role: 'board_photo',
      name: `公开栏照片-${e.taken_on}${onBoards.has(e.id) ? '' : '（未关联公开栏）'}.${e.type === 'jpeg' ? 'jpg' : e.type}`,
      type: e.type,
      size: e.size,
      sha256: e.sha256,
      public: 0,
    });
  }

  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    await lockForUpdate(trx, ctx.dialect, ITEM_NO_LOCK_KEY);
    const existing = await findItemByDisclosure(trx, d.id);
    if (existing) return fail(409, 'ALREADY_FILED', `该记录已归档，档号 ${existing.archival_code}`);
    const itemNo = await nextItemNo(trx, d.unit_code, year.value, cls.code);
    if (itemNo > MAX_ITEM_NO) return fail(409, 'VOLUME_FULL', `${year.value}年度“${cls.name}”已满${MAX_ITEM_NO}件`);
    const code = archivalCode(d.unit_code, year.value, cls.code, itemNo);
    const id = crypto.randomUUID();
    const at = now.toISOString();
    await insertItem(trx, {
      id,
      unit_code: d.unit_code,
      year: year.value,
      class_code: cls.code,
      item_no: itemNo,
      archival_code: code,
      title: current.public_title,
      kind: 'disclosure',
      disclosure_id: d.id,
      record_type: null,
      formed_on: d.formed_on,
      retention: cls.retention,
      keep_until: keepUntil(year.value, cls.retention as Retention),
      was_public: 1,
      paper_location: null,
      pages: null,
      custody_unit_code: d.unit_code,
      status: 'filed',
      legal_hold: 0,
      hold_reason: null,
      destruction_id: null,
      note: null,
      is_demo: 0,
      filed_at: at,
      filed_by: meta.actor.username,
      updated_at: at,
    });
    await insertItemFiles(
      trx,
      pending.map((f) => ({ ...f, id: crypto.randomUUID(), item_id: id, created_at: at })),
    );
    await audit({
      unitCode: d.unit_code,
      action: 'archives.item.file',
      entityType: 'archive_item',
      entityId: id,
      after: {
        archivalCode: code,
        disclosureId: d.id,
        indexNo: d.index_no,
        classCode: cls.code,
        retention: cls.retention,
        files: pending.map((f) => ({ seq: f.seq, role: f.role, name: f.name, sha256: f.sha256 })),
      },
    });
    return ok(itemView((await findItem(trx, id))!, chinaDate(now), await listItemFiles(trx, id)));
  });
}

// ----- non-disclosed records -------------------------------------------------------------------------------------------

export interface RecordInput {
  unitCode: string;
  classCode: string;
  year: number;
  title: string;
  recordType: string;
  formedOn: string;
  paperLocation: string;
  pages?: number | null;
  note?: string | null;
}

/** A paper record that was never disclosed (会议记录, 合同, 凭证): registered with where the paper is kept. */
export async function registerRecord(ctx: AppContext, meta: CommandMeta & { actor: Actor }, input: RecordInput): Promise<Result<ItemView>> {
  const today = chinaDate(ctx.clock.now());
  const title = input.title.trim();
  const recordType = input.recordType.trim();
  const paperLocation = input.paperLocation.trim();
  if (!title) return fail(400, 'TITLE_REQUIRED', '请填写档案题名');
  if (!recordType) return fail(400, 'RECORD_TYPE_REQUIRED', '请填写材料种类（如会议记录、合同、凭证）');
  if (!paperLocation) return fail(400, 'LOCATION_REQUIRED', '请写明纸质档案的存放位置（如档案柜号、盒号）');
  if (!isRealDate(input.formedOn) || input.formedOn > today) return fail(400, 'INVALID_DATE', '形成日期无效或晚于今天');
  if (input.pages != null && (!Number.isInteger(input.pages) || input.pages < 1 || input.pages > 100000))
    return fail(400, 'INVALID_PAGES', '页数应为1至100000的整数');
  const year = checkYear(input.year, today);
  if (!year.ok) return year;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, input.unitCode);
    if (!unit || !canSeeArchive(meta.actor, unit.path)) return unitNotFound(input.unitCode);
    if (!canKeep(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '只有档案管理员可以登记档案');
    const cls = await findClass(trx, input.classCode);
    if (!cls) return fail(400, 'CLASS_NOT_FOUND', `档案类别“${input.classCode}”不在县级归档范围表中`);
    if (cls.active !== 1) return fail(409, 'CLASS_INACTIVE', `档案类别“${cls.name}”已停用，请选择其他类别`);
    await lockForUpdate(trx, ctx.dialect, ITEM_NO_LOCK_KEY);
    const itemNo = await nextItemNo(trx, unit.code, year.value, cls.code);
    if (itemNo > MAX_ITEM_NO) return fail(409, 'VOLUME_FULL', `${year.value}年度“${cls.name}”已满${MAX_ITEM_NO}件`);
    const code = archivalCode(unit.code, year.value, cls.code, itemNo);
    const id = crypto.randomUUID();
    const at = now.toISOString();
    await insertItem(trx, {
      id,
      unit_code: unit.code,
      year: year.value,
      class_code: cls.code,
      item_no: itemNo,
      archival_code: code,
      title,
      kind: 'record',
      disclosure_id: null,
      record_type: recordType,
      formed_on: input.formedOn,
      retention: cls.retention,
      keep_until: keepUntil(year.value, cls.retention as Retention),
      was_public: 0,
      paper_location: paperLocation,
      pages: input.pages ?? null,
      custody_unit_code: unit.code,
      status: 'filed',
      legal_hold: 0,
      hold_reason: null,
      destruction_id: null,
      note: input.note?.trim() || null,
      is_demo: 0,
      filed_at: at,
      filed_by: meta.actor.username,
      updated_at: at,
    });
    await audit({
      unitCode: unit.code,
      action: 'archives.item.register',
      entityType: 'archive_item',
      entityId: id,
      after: { archivalCode: code, classCode: cls.code, recordType, retention: cls.retention },
    });
    return ok(itemView((await findItem(trx, id))!, chinaDate(now), []));
  });
}

/** A scanned copy of a paper record (PDF or image, type judged by content); its SHA-256 goes into the audit chain. */
export async function addScan(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  itemId: string,
  file: { buffer: Buffer; filename: string | undefined },
): Promise<Result<ItemView>> {
  const type = await sniffFileType(file.buffer);
  if (!(SCAN_TYPES as readonly string[]).includes(type)) return fail(415, 'UNSUPPORTED_FILE_TYPE', '扫描件只接受 PDF、PNG 或 JPEG 文件（按文件内容判断）');
  const found = await findItem(ctx.db, itemId);
  if (!found || !canSeeArchive(meta.actor, found.unit_path)) return itemNotFound();
  if (!canKeep(meta.actor, found.unit_path)) return fail(403, 'FORBIDDEN', '只有档案管理员可以添加扫描件');
  const sha256 = await storeFile(ctx.config.dataDir, file.buffer);
  const name =
    ((file.filename ?? '').split(/[\\/]/).pop() ?? '')
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(0, 120) || `扫描件.${type === 'jpeg' ? 'jpg' : type}`;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const row = await findItem(trx, itemId);
    if (!row) return itemNotFound();
    if (row.status !== 'filed') return fail(409, 'ITEM_DESTROYED', '该档案已销毁，不能再添加文件');
    const seq = (await countItemFiles(trx, itemId)) + 1;
    const at = now.toISOString();
    await insertItemFiles(trx, [
      { id: crypto.randomUUID(), item_id: itemId, seq, role: 'scan', name, type, size: file.buffer.length, sha256, public: 0, created_at: at },
    ]);
    await audit({
      unitCode: row.unit_code,
      action: 'archives.item.scan',
      entityType: 'archive_item',
      entityId: itemId,
      after: { archivalCode: row.archival_code, files: [{ seq, role: 'scan', name, sha256 }] },
    });
    return ok(itemView(row, chinaDate(now), await listItemFiles(trx, itemId)));
  });
}

/** 法律保全 (legal hold): a held item cannot be proposed for or decided into destruction. */
export async function setLegalHold(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  itemId: string,
  input: { hold: boolean; reason?: string },
): Promise<Result<ItemView>> {
  const reason = (input.reason ?? '').trim();
  if (input.hold && !reason) return fail(400, 'REASON_REQUIRED', '请写明保全的原因（如诉讼、审计、信访调查）');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const row = await findItem(trx, itemId);
    if (!row || !canSeeArchive(meta.actor, row.unit_path)) return itemNotFound();
    if (!canKeep(meta.actor, row.unit_path)) return fail(403, 'FORBIDDEN', '只有档案管理员可以设置或解除保全');
    if (row.status !== 'filed') return fail(409, 'ITEM_DESTROYED', '该档案已销毁');
    if ((row.legal_hold === 1) === input.hold) return fail(409, 'HOLD_UNCHANGED', input.hold ? '该档案已处于保全状态' : '该档案没有保全');
    await updateItems(trx, [itemId], { legal_hold: input.hold ? 1 : 0, hold_reason: input.hold ? reason : null, updated_at: now.toISOString() });
    await audit({
      unitCode: row.unit_code,
      action: input.hold ? 'archives.item.hold' : 'archives.item.release',
      entityType: 'archive_item',
      entityId: itemId,
      before: { legalHold: row.legal_hold === 1 },
      after: { legalHold: input.hold, reason: reason || null },
    });
    return ok(itemView((await findItem(trx, itemId))!, chinaDate(now), await listItemFiles(trx, itemId)));
  });
}

// ----- reads ------------------------------------------------------------------------------------------------------------

export async function getItem(ctx: AppContext, actor: Actor, id: string): Promise<Result<ItemView & { onLoan: boolean }>> {
  const row = await findItem(ctx.db, id);
  if (!row || !canSeeArchive(actor, row.unit_path)) return itemNotFound();
  const loans = await openLoans(ctx.db, { roots: [row.unit_path], itemIds: [id] });
  return ok({ ...itemView(row, chinaDate(ctx.clock.now()), await listItemFiles(ctx.db, id)), onLoan: loans.length > 0 });
}

export async function itemFile(ctx: AppContext, actor: Actor, itemId: string, fileId: string): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const row = await findItem(ctx.db, itemId);
  if (!row || !canSeeArchive(actor, row.unit_path)) return itemNotFound();
  const f = (await listItemFiles(ctx.db, itemId)).find((x) => x.id === fileId);
  if (!f) return fail(404, 'FILE_NOT_FOUND', '文件不存在');
  return ok({ name: f.name, type: f.type, buffer: await readStoredFile(ctx.config.dataDir, f.sha256) });
}

/**
 * Integrity check of one item: every stored file is hashed again and compared with the SHA-256 its filing (or scan)
 * event recorded in the audit chain.
 */
export async function verifyItem(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<Result<{ ok: boolean; files: { seq: number; name: string; recorded: string | null; actual: string | null; ok: boolean }[] }>> {
  const row = await findItem(ctx.db, id);
  if (!row || !canSeeArchive(actor, row.unit_path)) return itemNotFound();
  const events = await searchAuditEvents(ctx.db, { entityType: 'archive_item', entityId: id, limit: 200, offset: 0 });
  const recorded = new Map<number, string>();
  for (const e of events.items) {
    const after = e.after_json ? (JSON.parse(e.after_json) as { files?: { seq: number; sha256: string }[] }) : {};
    for (const f of after.files ?? []) if (!recorded.has(f.seq)) recorded.set(f.seq, f.sha256);
  }
  const files = [];
  for (const f of await listItemFiles(ctx.db, id)) {
    let actual: string | null = null;
    try {
      actual = sha256Of(await readStoredFile(ctx.config.dataDir, f.sha256));
    } catch {
      actual = null;
    }
    const rec = recorded.get(f.seq) ?? null;
    files.push({ seq: f.seq, name: f.name, recorded: rec, actual, ok: rec !== null && rec === f.sha256 && actual === f.sha256 });
  }
  return ok({ ok: files.every((f) => f.ok), files });
}

export interface BrowseQuery {
  unitCode?: string;
  year?: number;
  classCode?: string;
  status?: string;
  q?: string;
  dueForAppraisal?: boolean;
  limit?: number;
  offset?: number;
}

/** The keeper's (staff) view: everything in scope, records never disclosed included. */
export async function browseArchive(ctx: AppContext, actor: Actor, q: BrowseQuery): Promise<Result<{ total: number; items: ItemView[] }>> {
  const today = chinaDate(ctx.clock.now());
  let unitPath: string | undefined;
  if (q.unitCode) {
    const unit = await findUnit(ctx.db, q.unitCode);
    if (!unit || !canSeeArchive(actor, unit.path)) return unitNotFound(q.unitCode);
    unitPath = unit.path;
  }
  const roots = archiveRoots(actor);
  const res = await searchItems(ctx.db, {
    roots,
    unitPath,
    year: q.year,
    classCode: q.classCode,
    status: q.dueForAppraisal ? 'filed' : (q.status as 'filed' | 'destroyed' | undefined),
    text: q.q?.trim() || undefined,
    dueBefore: q.dueForAppraisal ? today : undefined,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  return ok({ total: res.total, items: res.items.map((r) => itemView(r, today)) });
}

export type PublicItem = {
  archivalCode: string;
  year: number;
  className: string;
  title: string;
  formedOn: string;
  retentionLabel: string;
  /** The published record (its public, masked page). */
  url: string | null;
};

/** What the public sees: items that were public and are still kept (the public title is the masked one). */
export async function publicArchive(
  db: Executor,
  unitPath: string,
  q: { year?: number; classCode?: string; limit: number; offset: number },
): Promise<{ total: number; items: PublicItem[] }> {
  const res = await searchItems(db, {
    roots: [unitPath],
    year: q.year,
    classCode: q.classCode,
    status: 'filed',
    publicOnly: true,
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total: res.total,
    items: res.items.map((r) => ({
      archivalCode: r.archival_code,
      year: r.year,
      className: r.class_name,
      title: r.title,
      formedOn: r.formed_on,
      retentionLabel: RETENTIONS[r.retention as Retention] ?? r.retention,
      url: r.disclosure_id ? `/disclosures/${r.disclosure_id}` : null,
    })),
  };
}

/** What the public archive shows of destroyed items: what it was, when it was destroyed and under which 销毁清单. */
export interface PublicDestroyedItem {
  archivalCode: string;
  year: number;
  className: string;
  title: string;
  formedOn: string;
  destructionSerial: string;
  destroyedOn: string;
}

/** Items that were public and were destroyed (approved 销毁清单), with the list and the date of the decision. No names. */
export async function publicDestroyed(db: Executor, unitPath: string, q: { year?: number; classCode?: string; limit: number }): Promise<PublicDestroyedItem[]> {
  return (await listPublicDestroyed(db, unitPath, q)).map((r) => ({
    archivalCode: r.archival_code,
    year: r.year,
    className: r.class_name,
    title: r.title,
    formedOn: r.formed_on,
    destructionSerial: r.serial,
    destroyedOn: r.decided_at ? chinaDate(new Date(r.decided_at)) : '',
  }));
}

export type VolumeView = {
  unitCode: string;
  unitName: string;
  year: number;
  classCode: string;
  className: string;
  retentionLabel: string;
  items: number;
  destroyed: number;
};
const volumeView = (r: VolumeRow): VolumeView => ({
  unitCode: r.unit_code,
  unitName: r.unit_name,
  year: r.year,
  classCode: r.class_code,
  className: r.class_name,
  retentionLabel: RETENTIONS[r.retention as Retention] ?? r.retention,
  items: r.items,
  destroyed: r.destroyed,
});

/** Every volume of one unit's subtree (the public archive page: only what was public and is kept, `actor` null). */
export async function volumesOf(ctx: AppContext, actor: Actor | null, unitCode: string): Promise<Result<{ volumes: VolumeView[] }>> {
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit || (actor && !canSeeArchive(actor, unit.path))) return unitNotFound(unitCode);
  return ok({ volumes: (await listVolumes(ctx.db, unit.path, actor === null)).map(volumeView) });
}

/** The staff's 年度卷: one page of the volumes under a unit (a county has villages × years × classes of them), and how many. */
export async function volumePage(
  ctx: AppContext,
  actor: Actor,
  unitCode: string,
  q: { limit: number; offset: number },
): Promise<Result<{ total: number; items: VolumeView[] }>> {
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit || !canSeeArchive(actor, unit.path)) return unitNotFound(unitCode);
  const page = await pageVolumes(ctx.db, unit.path, q);
  return ok({ total: page.total, items: page.items.map(volumeView) });
}
