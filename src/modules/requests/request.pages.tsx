/**
 * Public pages of 依申请公开: the landing page (/requests), the online application form
 * (/requests/apply; works without JavaScript, mobile-first, human check, identity-proof upload), the
 * tracking page (/requests/track; code + secret in a POST body, never in the URL) and the procedure
 * flowchart (/requests/flowchart), drawn from the workflow's own transition table.
 */
import { readUpload } from '../../platform/http/uploads.ts';
import type { ReactElement } from 'react';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { sendPage } from '../../platform/views/layout.tsx';
import { chineseDate } from '../publishing/index.ts';
import { findUnit, listActiveUnitsOfKinds } from '../org/index.ts';
import { APPLICANT_KINDS, DELIVERY_METHODS, INFORMATION_FORMS } from './request.types.ts';
import { issueHumanCheck } from './request.human-check.ts';
import { fileOnlineApplication, PROOF_MAX_BYTES } from './request.public.ts';
import { trackRequest } from './request.queries.ts';
import { flowchart } from './request.workflow.ts';
import type { ApplicationInput } from './request.commands.ts';

/** Units that receive applications (行政机关; 条例第27条), in the order a visitor looks for them. */
async function receivingUnits(ctx: AppContext): Promise<{ code: string; name: string; group: string }[]> {
  const rows = await listActiveUnitsOfKinds(ctx.db, ['county', 'department', 'street', 'town', 'township', 'farm_park']);
  return rows.map((u) => ({
    code: u.code,
    name: u.kind === 'county' ? `${u.name}人民政府` : u.name,
    group: u.kind === 'department' || u.kind === 'county' ? '县政府及部门' : '乡镇（街道）',
  }));
}

const crumbs = (label: string) => [{ label: '首页', href: '/' }, { label: '依申请公开', href: '/requests' }, { label }];

function Landing(): ReactElement {
  return (
    <article className="requests">
      <h1>依申请公开</h1>
      <p className="lead">除主动公开的政府信息外，公民、法人或者其他组织可以向行政机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。</p>
      <ul className="card-list">
        <li>
          <a className="unit-link" href="/requests/apply">
            <span className="unit-name">在线提交申请</span>
            <span className="unit-extra">填写申请表，提交后获得查询码和查询密码</span>
          </a>
        </li>
        <li>
          <a className="unit-link" href="/requests/track">
            <span className="unit-name">查询办理进度</span>
            <span className="unit-extra">凭查询码和查询密码查看进度、期限和文书</span>
          </a>
        </li>
        <li>
          <a className="unit-link" href="/requests/flowchart">
            <span className="unit-name">办理流程图</span>
            <span className="unit-extra">登记、补正、征求意见、审核、答复、送达、归档</span>
          </a>
        </li>
      </ul>
      <section className="panel" aria-labelledby="r-how">
        <h2 id="r-how">如何申请</h2>
        <ol>
          <li>网上申请：在本平台填写申请表。本机关确认收到之日为收到申请之日（条例第三十一条）。</li>
          <li>书面申请：当面递交或邮寄信函至受理机关（见各单位的政府信息公开指南）。</li>
          <li>书写确有困难的，可以口头提出，由受理机关代为填写申请（条例第二十九条）。</li>
        </ol>
        <p>
          能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经负责人同意并告知申请人，延长最长不超过20个工作日（条例第三十三条）。
        </p>
      </section>
    </article>
  );
}

interface FormState {
  values: Record<string, string>;
  error: string | null;
  check: { token: string; question: string };
  units: { code: string; name: string; group: string }[];
  csrf: string | null;
}

function Field({
  id,
  label,
  required,
  hint,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  children: ReactElement;
}): ReactElement {
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="req">（必填）</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function ApplyForm({ s }: { s: FormState }): ReactElement {
  const v = s.values;
  const groups = [...new Set(s.units.map((u) => u.group))];
  return (
    <article className="requests">
      <h1>政府信息公开申请表</h1>
      <p className="lead">请如实填写。带“必填”的项目为《中华人民共和国政府信息公开条例》第二十九条规定的申请内容。</p>
      {s.error ? (
        <div className="notice notice-error" role="alert" id="form-error">
          {s.error}
        </div>
      ) : null}
      <form method="post" action="/requests/apply" encType="multipart/form-data" className="apply-form">
        {s.csrf ? <input type="hidden" name="_csrf" value={s.csrf} /> : null}
        <fieldset>
          <legend>受理机关</legend>
          <Field id="unitCode" label="向哪个机关申请" required>
            <select id="unitCode" name="unitCode" required defaultValue={v.unitCode ?? ''}>
              <option value="">请选择</option>
              {groups.map((g) => (
                <optgroup key={g} label={g}>
                  {s.units
                    .filter((u) => u.group === g)
                    .map((u) => (
                      <option key={u.code} value={u.code}>
                        {u.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset>
          <legend>申请人信息</legend>
          <div className="form-field">
            <span className="label" id="kind-label">
              申请人类型<span className="req">（必填）</span>
            </span>
            <div className="choices" role="radiogroup" aria-labelledby="kind-label">
              {APPLICANT_KINDS.map((k) => (
                <label key={k.code} className="choice">
                  <input type="radio" name="applicantKind" value={k.code} required defaultChecked={(v.applicantKind ?? 'natural') === k.code} />
                  {k.group ? `${k.group}：${k.label}` : k.label}
                </label>
              ))}
            </div>
          </div>
          <Field id="name" label="姓名或单位名称" required>
            <input id="name" name="name" required maxLength={100} autoComplete="name" defaultValue={v.name ?? ''} />
          </Field>
          <Field id="idType" label="身份证明类型" required hint="自然人填写居民身份证等证件；法人或其他组织填写统一社会信用代码等">
            <input id="idType" name="idType" required maxLength={40} defaultValue={v.idType ?? '居民身份证'} aria-describedby="idType-hint" />
          </Field>
          <Field id="idNumber" label="证件号码" required>
            <input id="idNumber" name="idNumber" required maxLength={40} defaultValue={v.idNumber ?? ''} />
          </Field>
          <Field id="legalRepresentative" label="法定代表人或负责人（法人或其他组织填写）">
            <input id="legalRepresentative" name="legalRepresentative" maxLength={100} defaultValue={v.legalRepresentative ?? ''} />
          </Field>
          <Field id="phone" label="联系电话" required>
            <input id="phone" name="phone" type="tel" required maxLength={30} autoComplete="tel" defaultValue={v.phone ?? ''} />
          </Field>
          <Field id="email" label="电子邮箱">
            <input id="email" name="email" type="email" maxLength={200} autoComplete="email" defaultValue={v.email ?? ''} />
          </Field>
          <Field id="address" label="通信地址">
            <input id="address" name="address" maxLength={300} autoComplete="street-address" defaultValue={v.address ?? ''} />
          </Field>
          <Field id="postcode" label="邮政编码">
            <input id="postcode" name="postcode" inputMode="numeric" maxLength={6} defaultValue={v.postcode ?? ''} />
          </Field>
          <Field id="identityProof" label="身份证明文件（照片或扫描件）" hint="JPG、PNG 或 PDF，不超过5MB。仅受理机关工作人员可以查看。">
            <input id="identityProof" name="identityProof" type="file" accept="image/jpeg,image/png,application/pdf" aria-describedby="identityProof-hint" />
          </Field>
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <Field id="infoDescription" label="所需政府信息的名称或内容描述" required hint="请写明信息的名称、文号，或者便于查询的其他特征（如年度、事项、地点）">
            <textarea
              id="infoDescription"
              name="infoDescription"
              required
              maxLength={4000}
              rows={5}
              defaultValue={v.infoDescription ?? ''}
              aria-describedby="infoDescription-hint"
            />
          </Field>
          <Field id="infoDocNumber" label="文号（如知道）">
            <input id="infoDocNumber" name="infoDocNumber" maxLength={100} defaultValue={v.infoDocNumber ?? ''} />
          </Field>
          <Field id="infoForm" label="信息的载体形式" required>
            <select id="infoForm" name="infoForm" required defaultValue={v.infoForm ?? 'electronic'}>
              {INFORMATION_FORMS.map((f) => (
                <option key={f.code} value={f.code}>
                  {f.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="deliveryMethod" label="获取信息的方式" required>
            <select id="deliveryMethod" name="deliveryMethod" required defaultValue={v.deliveryMethod ?? 'online'}>
              {DELIVERY_METHODS.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.label}
                </option>
              ))}
            </select>
          </Field>
          <label className="choice">
            <input type="checkbox" name="needsAssistance" value="1" defaultChecked={v.needsAssistance === '1'} />
            我有阅读困难或视听障碍，需要帮助（条例第四十三条）
          </label>
        </fieldset>
        <fieldset>
          <legend>验证</legend>
          <input type="hidden" name="checkToken" value={s.check.token} />
          <Field id="checkAnswer" label={`请计算：${s.check.question}`} required>
            <input id="checkAnswer" name="checkAnswer" inputMode="numeric" required maxLength={4} autoComplete="off" />
          </Field>
        </fieldset>
        <p className="muted">提交即表示您确认所填信息真实。您的个人信息只用于办理本申请，不会在网站上公开。</p>
        <button type="submit" className="button">
          提交申请
        </button>
      </form>
    </article>
  );
}

function Submitted({ regNo, unitName, code, secret }: { regNo: string; unitName: string; code: string; secret: string }): ReactElement {
  return (
    <article className="requests">
      <h1>申请已提交</h1>
      <div className="notice" role="status">
        <p>
          {`您的申请已提交至${unitName}，登记编号 `}
          <strong>{regNo}</strong>
          {'。'}
        </p>
        <p>请记下以下查询码和查询密码。查询密码只显示这一次，本机关也无法找回。</p>
      </div>
      <dl className="facts panel">
        <div>
          <dt>查询码</dt>
          <dd className="code" id="tracking-code">
            {code}
          </dd>
        </div>
        <div>
          <dt>查询密码</dt>
          <dd className="code" id="tracking-secret">
            {secret}
          </dd>
        </div>
      </dl>
      <p>本机关与您确认收到申请后，自确认之日起计算答复期限（条例第三十一条、第三十三条）。</p>
      <p>
        <a href="/requests/track">查询办理进度</a>
      </p>
    </article>
  );
}

type Tracked = Extract<Awaited<ReturnType<typeof trackRequest>>, { ok: true }>['value'];

function TrackForm({ error, csrf, code }: { error: string | null; csrf: string | null; code: string }): ReactElement {
  return (
    <form method="post" action="/requests/track" className="apply-form">
      {csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null}
      {error ? (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="form-field">
        <label htmlFor="code">查询码</label>
        <input id="code" name="code" required maxLength={20} autoComplete="off" defaultValue={code} />
      </div>
      <div className="form-field">
        <label htmlFor="secret">查询密码</label>
        <input id="secret" name="secret" type="password" required maxLength={40} autoComplete="off" />
      </div>
      <button type="submit" className="button">
        查询
      </button>
    </form>
  );
}

/** The letter download URL without its extension (letters module: …/track/letters/{kind}.pdf|.docx?code=&secret=); null = number only. */
export type LetterLink = (kind: string, ext: 'pdf' | 'docx') => string | null;

function TrackResult({ t, letterLink }: { t: Tracked; letterLink: LetterLink }): ReactElement {
  return (
    <article className="requests">
      <h1>办理进度</h1>
      <dl className="facts panel">
        <div>
          <dt>登记编号</dt>
          <dd>{t.regNo}</dd>
        </div>
        <div>
          <dt>受理机关</dt>
          <dd>{t.unitName}</dd>
        </div>
        <div>
          <dt>申请人</dt>
          <dd>{`${t.applicantName}（${t.applicantKindText}）`}</dd>
        </div>
        <div>
          <dt>当前状态</dt>
          <dd>
            <strong id="track-status">{t.statusText}</strong>
          </dd>
        </div>
        <div>
          <dt>收到申请日期</dt>
          <dd>{t.receivedOn ? chineseDate(t.receivedOn) : '待本机关确认收到'}</dd>
        </div>
        {t.dueDate ? (
          <div>
            <dt>答复期限</dt>
            <dd>{`${chineseDate(t.dueDate)}${t.provisional ? '（节假日安排未公布，暂定）' : ''}`}</dd>
          </div>
        ) : null}
        {t.decision ? (
          <div>
            <dt>答复结果</dt>
            <dd>{`${t.decision.label}（${t.decision.decidedOn ? chineseDate(t.decision.decidedOn) : ''}）`}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="t-desc">
        <h2 id="t-desc">申请内容</h2>
        <p>{t.infoDescription}</p>
      </section>
      <section aria-labelledby="t-steps">
        <h2 id="t-steps">办理记录</h2>
        <ol className="plain-list compact">
          {t.timeline.map((s, i) => (
            <li key={i}>{`${s.on} ${s.text}`}</li>
          ))}
        </ol>
      </section>
      {t.explanation.length ? (
        <section aria-labelledby="t-clock">
          <h2 id="t-clock">期限计算说明</h2>
          <ul>
            {t.explanation.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="t-letters">
        <h2 id="t-letters">文书</h2>
        {t.letters.length ? (
          <ul className="plain-list compact" id="letters">
            {t.letters.map((l) => {
              const pdf = letterLink(l.kind, 'pdf');
              const docx = letterLink(l.kind, 'docx');
              return (
                <li key={l.letterNo}>
                  {pdf ? <a href={pdf}>{`${l.title}（PDF）`}</a> : l.title}
                  {docx ? (
                    <>
                      {' '}
                      <a href={docx} aria-label={`${l.title}（Word 文档）`}>
                        Word
                      </a>
                    </>
                  ) : null}
                  <span className="result-meta">{`${l.letterNo} · ${chineseDate(l.issuedOn)}`}</span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted">暂无文书。</p>
        )}
      </section>
      <p>
        <a href="/requests/track">查询其他申请</a>
      </p>
    </article>
  );
}

function Flowchart(): ReactElement {
  const stages = flowchart();
  return (
    <article className="requests">
      <h1>政府信息公开申请办理流程</h1>
      <p className="lead">本流程图由平台的办理规则自动生成，与实际办理步骤一致（条例第二十九条至第四十五条）。</p>
      <ol className="flow">
        {stages.map((st, i) => (
          <li key={st.status} className="flow-stage" id={`stage-${st.status}`}>
            <h2>
              <span className="flow-no">{i + 1}</span>
              {st.label}
            </h2>
            <p>{st.help}</p>
            {st.steps.length ? (
              <ul className="flow-steps">
                {st.steps.map((s) => (
                  <li key={s.action}>
                    <strong>{s.label}</strong>
                    {s.toLabel ? <span>{` → ${s.toLabel}`}</span> : <span>（本阶段内）</span>}
                    <span className="result-meta">{`${s.who}；依据：${s.basis}`}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">办理结束。</p>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}

function fieldValues(fields: Record<string, string>): Omit<ApplicationInput, 'identityProof'> {
  return {
    unitCode: fields.unitCode ?? '',
    applicantKind: fields.applicantKind ?? '',
    applicant: {
      name: fields.name ?? '',
      idType: fields.idType ?? '',
      idNumber: fields.idNumber ?? '',
      legalRepresentative: fields.legalRepresentative,
      phone: fields.phone ?? '',
      email: fields.email,
      address: fields.address,
      postcode: fields.postcode,
    },
    infoDescription: fields.infoDescription ?? '',
    infoDocNumber: fields.infoDocNumber,
    infoForm: fields.infoForm ?? '',
    deliveryMethod: fields.deliveryMethod ?? '',
    needsAssistance: fields.needsAssistance === '1',
  };
}

/** The applicant's letter downloads (letters module route, public, code + secret). */
export const trackLetterLink =
  (code: string, secret: string): LetterLink =>
  (kind, ext) =>
    `/api/v1/info-requests/track/letters/${encodeURIComponent(kind)}.${ext}?${new URLSearchParams({ code, secret }).toString()}`;

export function registerRequestPages(
  app: FastifyInstance,
  ctx: AppContext,
  opts: { letterLink?: (code: string, secret: string) => LetterLink } = { letterLink: trackLetterLink },
): void {
  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, error: string | null, status = 200) =>
    sendPage(request, reply, {
      status,
      title: '政府信息公开申请',
      description: '在线提交政府信息公开申请',
      breadcrumbs: crumbs('在线申请'),
      body: (
        <ApplyForm s={{ values, error, check: await issueHumanCheck(ctx.db, ctx.clock.now()), units: await receivingUnits(ctx), csrf: request.csrfToken }} />
      ),
    });

  app.get('/requests', (request, reply) =>
    sendPage(request, reply, {
      title: '依申请公开',
      description: '如何申请获取政府信息、查询办理进度和办理流程',
      breadcrumbs: [{ label: '首页', href: '/' }, { label: '依申请公开' }],
      body: <Landing />,
    }),
  );

  app.get('/requests/apply', (request, reply) => {
    const unit = (request.query as { unit?: string }).unit;
    return formPage(request, reply, unit ? { unitCode: String(unit).slice(0, 64) } : {}, null);
  });

  app.post(
    '/requests/apply',
    { config: { sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true, consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      // A body that is not the form (e.g. JSON sent here instead of to POST /api/v1/info-requests) is a 415 with
      // directions, a broken one a 400, an identity proof over 5 MB a 413 (platform/http/uploads.ts).
      const read: Record<string, string> = {};
      const up = await readUpload(request, { maxBytes: PROOF_MAX_BYTES, what: '身份证明文件', fileField: 'identityProof', fields: read });
      if (!up.ok) {
        const message =
          up.status === 415
            ? '请通过本页的申请表提交申请（表单须为 multipart/form-data）；程序接入请使用接口 POST /api/v1/info-requests（JSON）'
            : up.status === 413 && up.code === 'FILE_TOO_LARGE'
              ? '身份证明文件不能超过5MB，请压缩后重新上传'
              : up.message;
        // What was typed is shown again (the arithmetic check is issued anew).
        const { checkToken: _t, checkAnswer: _a, ...typed } = read;
        return formPage(request, reply, typed, message, up.status);
      }
      const { checkToken, checkAnswer, ...values } = up.value.fields;
      const proof = up.value.file && up.value.file.buffer.length ? up.value.file.buffer : null;
      const res = await fileOnlineApplication(ctx, fieldValues(values), { token: checkToken ?? '', answer: checkAnswer ?? '' }, proof, request.id);
      if (!res.ok) return formPage(request, reply, values, res.message, res.status);
      const unit = (await findUnit(ctx.db, res.value.row.unit_code))!;
      return sendPage(request, reply, {
        status: 201,
        title: '申请已提交',
        description: '政府信息公开申请已提交',
        breadcrumbs: crumbs('申请已提交'),
        body: <Submitted regNo={res.value.row.reg_no} unitName={unit.name} code={res.value.trackingCode} secret={res.value.trackingSecret} />,
      });
    },
  );

  const trackPage = (request: FastifyRequest, reply: FastifyReply, error: string | null, code = '', status = 200) =>
    sendPage(request, reply, {
      status,
      title: '查询办理进度',
      description: '凭查询码和查询密码查询政府信息公开申请的办理进度',
      breadcrumbs: crumbs('查询办理进度'),
      body: (
        <article className="requests">
          <h1>查询办理进度</h1>
          <p className="lead">请输入提交申请时获得的查询码和查询密码。</p>
          <TrackForm error={error} csrf={request.csrfToken} code={code} />
        </article>
      ),
    });

  app.get('/requests/track', (request, reply) => trackPage(request, reply, null));
  app.post('/requests/track', { config: { sessionless: true, rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as { code?: string; secret?: string };
    const code = String(body.code ?? '').slice(0, 20);
    const secret = String(body.secret ?? '').slice(0, 40);
    if (!code.trim() || !secret.trim()) return trackPage(request, reply, '请填写查询码和查询密码', code, 400);
    const res = await trackRequest(ctx, code, secret);
    if (!res.ok) return trackPage(request, reply, res.message, code, res.status);
    const letterLink = opts.letterLink ? opts.letterLink(code, secret) : () => null;
    return sendPage(request, reply, {
      title: '办理进度',
      description: '政府信息公开申请办理进度',
      breadcrumbs: crumbs('办理进度'),
      body: <TrackResult t={res.value} letterLink={letterLink} />,
    });
  });

  app.get('/requests/flowchart', (request, reply) =>
    sendPage(request, reply, {
      title: '依申请公开办理流程',
      description: '政府信息公开申请的办理流程图',
      breadcrumbs: crumbs('办理流程'),
      body: <Flowchart />,
    }),
  );
}
