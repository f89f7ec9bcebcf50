/** Shared types and small building blocks of the 公开发布 screens. */
import { useState } from 'react';
import { Alert, Button, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { ApiError, errorText, post, type Page } from '../../lib/http.ts';
import { LoadFailed, apiQuery, usePostRead } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UNIT_KIND_LABELS, type OrgUnit } from '../org/api.ts';
import { isAdmin, type User } from '../auth/api.ts';
import { UnitSelect } from '../../lib/components.tsx';
import { useSession } from '../../lib/session.ts';
import type {
  DisplayInfo as Display,
  ListItem,
  PublicDisclosure as PublicView,
  StaffDisclosure as StaffView,
  VersionView,
} from '../../../../../src/modules/publishing/disclosure.queries.ts';
import type { PiiHitView } from '../../../../../src/modules/publishing/disclosure.commands.ts';
import type { DetailSchema, PiiScanSchema } from '../../../../../src/modules/publishing/disclosure.responses.ts';
import type { Static } from 'typebox';
import type { CorrectionView as Correction } from '../../../../../src/modules/publishing/disclosure.corrections.ts';
import type { ContributionView as Contributor } from '../../../../../src/platform/workflow/contributions.repository.ts';
import type { Obligation } from '../../../../../src/modules/catalog/obligations.ts';
import type { ItemView as CatalogItem } from '../../../../../src/modules/catalog/catalog.schemas.ts';
import { STATUSES, STATUS_TEXT, type DisclosureStatus } from '../../../../../src/modules/publishing/disclosure.statuses.ts';

/** The server's shapes of a record (what its routes answer), under the names these screens use. */
export type { Display, ListItem, PublicView, StaffView, VersionView, Correction, Contributor, Obligation };
export type Step = StaffView['steps'][number];

export const CONTRIBUTION_TEXT: Record<Contributor['kind'], string> = { author: '起草', editor: '修改', submitter: '提交' };

/** What the user did to this version, e.g. 「起草、提交」; null when they did not touch it. */
export function ownContribution(s: Pick<StaffView, 'contributors'>, userId: string): string | null {
  const kinds = (['author', 'editor', 'submitter'] as const).filter((k) => s.contributors.some((c) => c.userId === userId && c.kind === k));
  return kinds.length ? kinds.map((k) => CONTRIBUTION_TEXT[k]).join('、') : null;
}

/** GET /api/v1/disclosures/:id: the public view (null before publication) and the staff's (null for others). */
export type Detail = Static<typeof DetailSchema>;

/** One personal-data hit of the staff's check (with the original value), as the scan command answers it. */
export type PiiHit = PiiHitView;

export { STATUSES, STATUS_TEXT };
export type Status = DisclosureStatus;

const STATUS_COLOR: Record<Status, string> = {
  draft: 'default',
  returned: 'red',
  submitted: 'orange',
  committee_approved: 'orange',
  approved: 'blue',
  scheduled: 'cyan',
  published: 'green',
  withdrawn: 'default',
};

export function StatusTag({ status, text }: { status: string; text?: string }) {
  return <Tag color={STATUS_COLOR[status as Status] ?? 'default'}>{text ?? STATUS_TEXT[status as Status] ?? status}</Tag>;
}

/** The roles of the user, by what they allow on a record of the given catalog. */
export function abilities(user: User, catalog: 'village' | 'government') {
  const roles = new Set(user.roles.map((r) => r.role));
  const drafter = roles.has(catalog === 'village' ? 'village_clerk' : 'unit_officer');
  const reviewer = roles.has(catalog === 'village' ? 'village_supervisor' : 'unit_reviewer');
  const townReviewer = catalog === 'village' && roles.has('unit_reviewer');
  const admin = roles.has('county_admin');
  return { drafter, reviewer, townReviewer, admin, senior: reviewer || admin, staff: drafter || reviewer || townReviewer || admin };
}

/** Units where the user drafts disclosures (村（居）务公开经办人 / 单位经办人). */
export function draftingUnits(user: User): { code: string; name: string }[] {
  const m = new Map<string, string>();
  for (const r of user.roles) if (r.role === 'village_clerk' || r.role === 'unit_officer') m.set(r.unitCode, r.unitName);
  return [...m.entries()].map(([code, name]) => ({ code, name }));
}

export function canDraft(user: User): boolean {
  return draftingUnits(user).length > 0;
}

export function canReviewAny(user: User): boolean {
  return user.roles.some((r) => ['village_supervisor', 'unit_reviewer', 'county_admin'].includes(r.role));
}

/** Own units and the units directly below (a county admin searches every unit). */
export function OwnUnitPicker({
  value,
  onChange,
  allowClear,
  id,
  placeholder,
}: {
  value?: string;
  onChange: (code: string | undefined) => void;
  allowClear?: boolean;
  id?: string;
  placeholder?: string;
}) {
  const { user } = useSession();
  const admin = isAdmin(user);
  const roots = admin ? [] : [...new Map(user.roles.map((r) => [r.unitCode, r.unitName])).entries()];
  // The units directly below each own unit (a unit whose list cannot be read offers only itself).
  const below = useQueries({ queries: roots.map(([code]) => apiQuery<Page<OrgUnit>>(['org', 'units'], '/api/v1/org-units', { parent: code, limit: 500 })) });
  const options = roots.map(([code, name], n) => ({
    label: name,
    options: [
      { value: code, label: name },
      ...(below[n]?.data?.items ?? []).filter((u) => u.active).map((c) => ({ value: c.code, label: `${c.name}（${UNIT_KIND_LABELS[c.kind] ?? c.kind}）` })),
    ],
  }));
  if (admin) return <UnitSelect id={id} value={value} onChange={(v) => onChange(v)} />;
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      allowClear={allowClear}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? '选择单位'}
      style={{ width: '100%' }}
    />
  );
}

/** "2026" → 2026年度, "2026-Q3" → 2026年第三季度, "2026-10" → 2026年10月. */
export function periodText(period: string | null | undefined): string {
  if (!period) return '';
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  if (/^\d{4}$/.test(period)) return `${period}年度`;
  return period;
}

/** A short name for titles: "财务收支详情和“三资”管理情况" → "财务收支". */
export function shortItemName(level2: string): string {
  let s = level2.split(/[和及、，,]/)[0] ?? level2;
  s = s.replace(/(详情|情况|信息)$/, '');
  return s || level2;
}

export const FINANCE_ITEM = (item: Pick<CatalogItem, 'key' | 'level2'> | null | undefined) =>
  !!item && (item.key === 'vil:szxq' || /财务收支/.test(item.level2));
export const LIST_ITEM = (item: Pick<CatalogItem, 'level2'> | null | undefined) => !!item && /低保|特困|补贴|救助|五保/.test(item.level2);

/** Plain text, one paragraph per line → safe HTML. */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');
}

/** Stored HTML → plain text, one line per paragraph (for editing). */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  const lines: string[] = [];
  const walk = (el: Element) => {
    for (const child of Array.from(el.children)) {
      const tag = child.tagName.toLowerCase();
      if (['ul', 'ol', 'table', 'thead', 'tbody', 'div'].includes(tag)) walk(child);
      else if (tag === 'tr')
        lines.push(
          Array.from(child.children)
            .map((c) => c.textContent?.trim() ?? '')
            .join('　'),
        );
      else lines.push(child.textContent?.trim() ?? '');
    }
  };
  const root = doc.body.firstElementChild;
  if (root) {
    if (root.children.length === 0) lines.push(root.textContent ?? '');
    else walk(root);
  }
  return lines.filter(Boolean).join('\n');
}

/** The body as the public will see it: undecided or masked hits replaced by their masked form. */
export function maskedPreview(html: string, hits: PiiHit[]): string {
  let out = html;
  for (const h of hits) if (h.field !== 'title' && h.decision?.action !== 'allow') out = out.split(h.value).join(h.masked);
  return out;
}

/** Rendered body HTML (sanitized by the server: only p, strong, lists, tables, headings, links). */
export function BodyView({ html }: { html: string }) {
  return <div className="gk-body" style={{ lineHeight: 1.9, fontSize: 15, overflowX: 'auto' }} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** What to say when an optional endpoint is missing on this server. */
export function featureError(err: unknown, what: string): string {
  if (err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND') return `${what}功能尚未开通（服务器没有提供这个接口），请联系系统管理员。`;
  if (err instanceof ApiError && Array.isArray(err.details) && err.details.length) {
    const rows = (err.details as { row?: number; column?: string; message?: string }[]).slice(0, 20).map((d) => d.message ?? `第${d.row}行 ${d.column ?? ''}`);
    return `${err.message}：\n${rows.join('\n')}`;
  }
  return errorText(err);
}

/** POST /api/v1/disclosures/{id}/pii-scan: the record's personal-data hits with the decisions taken on them. */
export type PiiScan = Static<typeof PiiScanSchema>;

/**
 * The personal-data check of one version of a record (null: not needed now). A POST that only reads (the server
 * audits it): keyed on the record's `updatedAt`, so a saved change or a decision (which stamps the record) checks
 * again, and a refetch of the page does not. Every component asking for the same version shares one check.
 */
export function usePiiScan(record: { id: string; updatedAt: string } | null, { keepPrevious = false } = {}) {
  return usePostRead<PiiScan>(
    ['publishing', 'pii-scan', record?.id ?? null, record?.updatedAt ?? null],
    record ? `/api/v1/disclosures/${record.id}/pii-scan` : null,
    { keepPrevious },
  );
}

/**
 * The personal-data check: each hit with its masked form, one-click masking, and for
 * reviewer-level users "保留（需说明理由）". The page reads the same check with `usePiiScan` (the unresolved count).
 */
export function PiiPanel({ record, canAllow }: { record: { id: string; updatedAt: string }; canAllow: boolean }) {
  // The list stays shown while the next version is checked (no flicker after a decision).
  const scan = usePiiScan(record, { keepPrevious: true });
  const save = useSave();
  // The hit whose decision is on its way (its button spins).
  const [deciding, setDeciding] = useState<string | null>(null);
  const [allowFor, setAllowFor] = useState<PiiHit | null>(null);
  const [reason, setReason] = useState('');

  const decidePath = `/api/v1/disclosures/${record.id}/pii-decisions`;
  // A decision stamps the record: where the page refetches it, the new version checks again; where the page holds
  // its own copy (the form), the check is asked again here.
  const decide = async (hits: PiiHit[], action: 'mask' | 'allow', why?: string) => {
    setDeciding(hits.length === 1 ? hits[0]!.fingerprint : null);
    const ok = await save.run(async () => {
      for (const hit of hits) await post(decidePath, { fingerprint: hit.fingerprint, action, reason: why });
    });
    await scan.refetch();
    return ok;
  };

  if (scan.isError && !scan.data) return <LoadFailed query={scan} what="个人信息检查结果" />;
  const hits = scan.data?.hits;
  if (!hits) return <Typography.Text type="secondary">正在检查个人信息…</Typography.Text>;
  if (hits.length === 0) return <Alert type="success" showIcon title="没有发现身份证号、手机号、银行卡号等个人信息。" />;
  const open = hits.filter((h) => !h.decision);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {open.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`发现 ${open.length} 处个人信息还没有处理`}
          description="公开前必须遮盖（公开时只显示部分数字）。点“一键遮盖”即可。"
          action={
            open.length > 1 ? (
              <Button type="primary" loading={save.busy && deciding === null} onClick={() => void decide(open, 'mask')}>
                全部遮盖
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Alert type="success" showIcon title="个人信息已全部处理。" />
      )}
      <LoadFailed query={scan} what="个人信息检查结果" />
      {!allowFor && <SaveError save={save} />}
      <List
        bordered
        dataSource={hits}
        renderItem={(h) => (
          <List.Item
            actions={
              h.decision
                ? [
                    <Tag key="d" color={h.decision.action === 'mask' ? 'green' : 'orange'}>
                      {h.decision.action === 'mask' ? '已遮盖' : `保留公开：${h.decision.reason ?? ''}`}
                    </Tag>,
                  ]
                : [
                    <Button
                      key="m"
                      type="primary"
                      icon={<EyeInvisibleOutlined />}
                      loading={save.busy && deciding === h.fingerprint}
                      onClick={() => void decide([h], 'mask')}
                    >
                      一键遮盖
                    </Button>,
                    ...(canAllow
                      ? [
                          <Button
                            key="a"
                            onClick={() => {
                              save.clear();
                              setAllowFor(h);
                              setReason('');
                            }}
                          >
                            保留（需说明理由）
                          </Button>,
                        ]
                      : []),
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag>{h.label}</Tag>
                  <Typography.Text delete={h.decision?.action !== 'allow'}>{h.value}</Typography.Text>
                  <span>→ 公开为</span>
                  <Typography.Text strong>{h.decision?.action === 'allow' ? h.value : h.masked}</Typography.Text>
                </Space>
              }
              description={h.field === 'title' ? '位置：标题' : '位置：正文'}
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!allowFor}
        title="保留这处个人信息公开"
        okText="确认保留"
        okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
        confirmLoading={save.busy}
        onCancel={() => {
          save.clear();
          setAllowFor(null);
        }}
        onOk={async () => {
          if (allowFor && (await decide([allowFor], 'allow', reason.trim()))) setAllowFor(null);
        }}
      >
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="公开个人信息须有法律、法规依据或本人同意，理由会记入审计日志。" />
        <Typography.Paragraph>
          {allowFor?.label}：<Typography.Text strong>{allowFor?.value}</Typography.Text>
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="保留理由"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="例如：村集体对外公布的联系电话"
          maxLength={500}
        />
        <SaveError save={save} style={{ marginTop: 12 }} />
      </Modal>
    </Space>
  );
}
