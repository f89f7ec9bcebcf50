/**
 * The policy document a 知识清单 entry cites (the policies module's document, read through its index and publishing's):
 * its public status, version and validity as one state string. The entry keeps the state it was reviewed against
 * (`policy_state`); when the policy is corrected (a new version), has its metadata corrected (文号, 主题, … — the policies
 * module's metadata history, no new version), changes validity (已修改 / 已废止 / 已失效) or is withdrawn, the state differs
 * and the staff list flags the entry 待复核 with what changed. Reads only.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { lastMetadataCorrectionOf, policyValidityOf, VALIDITY_TEXT, type PolicyMetadataCorrectionTag, type Validity } from '../policies/index.ts';
import { getDisclosure } from '../publishing/index.ts';

export interface CitedPolicy {
  id: string;
  title: string;
  status: 'published' | 'withdrawn';
  version: number;
  /** China date of the latest version (the last correction) or of the withdrawal. */
  changedOn: string;
  validity: Validity;
  validityOn: string | null;
  /** The last public correction of its metadata (none: null). */
  metadata: PolicyMetadataCorrectionTag | null;
  /** What the entry stores when reviewed: `published:v2:valid`, with `:m3` once its metadata has been corrected (the 3rd change). */
  state: string;
}

export const stateOf = (p: Pick<CitedPolicy, 'status' | 'version' | 'validity' | 'metadata'>): string =>
  `${p.status}:v${p.version}:${p.validity}${p.metadata ? `:m${p.metadata.seq}` : ''}`;

/** The cited policies that exist as public policy documents (published or withdrawn); others are left out. */
export async function citedPolicies(ctx: AppContext, ids: readonly string[]): Promise<Map<string, CitedPolicy>> {
  const out = new Map<string, CitedPolicy>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const validity = await policyValidityOf(ctx.db, unique);
  const metadata = await lastMetadataCorrectionOf(ctx.db, unique);
  for (const id of unique) {
    const v = validity.get(id);
    if (!v) continue;
    const d = await getDisclosure(ctx, null, id);
    const pub = d.ok ? d.value.public : null;
    if (!pub) continue;
    const last = pub.versions.at(-1);
    const p = {
      id,
      title: pub.title,
      status: pub.status,
      version: last?.version ?? 1,
      changedOn: pub.withdrawal ? chinaDate(new Date(pub.withdrawal.at)) : last ? chinaDate(new Date(last.at)) : '',
      validity: v.code,
      validityOn: v.on,
      metadata: metadata.get(id) ?? null,
    };
    out.set(id, { ...p, state: stateOf(p) });
  }
  return out;
}

/** Why an entry reviewed against `reviewed` (a state string) needs review now; [] when the policy is as it was. */
export function policyChanges(reviewed: string | null, now: CitedPolicy | undefined): string[] {
  if (!now) return ['所引用的政策文件已不再公开，请核对'];
  if (reviewed === now.state) return [];
  const [status, version, validity, meta] = (reviewed ?? '').split(':');
  const out: string[] = [];
  if (now.status === 'withdrawn' && status !== 'withdrawn') out.push(`所引用的政策文件“${now.title}”已于${now.changedOn}撤回，请核对`);
  if (version && `v${now.version}` !== version && now.status !== 'withdrawn')
    out.push(`所引用的政策文件“${now.title}”已于${now.changedOn}更正（第${now.version}版），请核对`);
  if (now.metadata && `m${now.metadata.seq}` !== (meta ?? '') && now.status !== 'withdrawn')
    out.push(`所引用的政策文件“${now.title}”的${now.metadata.labels.join('、')}已于${now.metadata.on}更正，请核对`);
  if (validity && now.validity !== validity)
    out.push(`所引用的政策文件“${now.title}”现为“${VALIDITY_TEXT[now.validity]}”${now.validityOn ? `（${now.validityOn}）` : ''}，请核对`);
  return out.length ? out : [`所引用的政策文件“${now.title}”有变化，请核对`];
}
