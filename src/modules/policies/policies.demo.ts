/**
 * Demo of 发布—解读—回应 (issue 19 §1/§3): the seed notice 泗政办发〔2023〕72号 as the county office's first policy
 * document with its real metadata (索引号, 分类, 公开日期, 文号; see seed-notice.ts), and for the county office and
 * two departments invented documents labelled 演示 — their 文号 use demo 机关代字 that start with 演示, so none can
 * be mistaken for a real number. Every record goes through the publishing commands at its own date.
 */
import type { AppContext } from '../../platform/context.ts';
import { anyPolicy } from './policies.repository.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { createDisclosure, publishDisclosure, raiseIndexSerial, reviewDisclosure, setIndexPrefix, submitDisclosure } from '../publishing/index.ts';
import { at, chinaTime, demoActor, ensureShowcaseAccounts } from '../showcase/index.ts';
import { publishedConsultationRefs } from '../participation/index.ts';
import {
  addInterpretation,
  addResponse,
  changeValidity,
  createPolicy,
  DEFAULT_POLICY_SETTINGS,
  editPolicyMetadata,
  savePolicySettings,
  setNumberPrefixes,
} from './policies.commands.ts';
import { SEED_NOTICE } from './seed-notice.ts';

const NOTE = '<p>（演示数据：本文件及其文号均为编造，仅用于展示系统功能，不是真实的政府文件。）</p>';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function seedNoticeBody(): string {
  return SEED_NOTICE.paragraphs.map((p) => (/^[一二三四五六七八九十]+、/.test(p) ? `<h3>${esc(p)}</h3>` : `<p>${esc(p)}</p>`)).join('');
}

interface Staff {
  officer: Actor;
  reviewer: Actor;
}

/** Draft → 保密审查 → publish on `on` (China-local), 09:00 / 10:00 / 15:00 / 16:00. */
async function publishOn(ctx: AppContext, s: Staff, on: string, id: string): Promise<void> {
  unwrap(await submitDisclosure(at(ctx, chinaTime(on, '10:00')), { actor: s.officer }, id));
  unwrap(await reviewDisclosure(at(ctx, chinaTime(on, '15:00')), { actor: s.reviewer }, id, { decision: 'approve', comment: '经保密审查，同意公开' }));
  unwrap(await publishDisclosure(at(ctx, chinaTime(on, '16:00')), { actor: s.officer }, id, {}));
}

async function policy(
  ctx: AppContext,
  s: Staff,
  unitCode: string,
  on: string,
  p: {
    title: string;
    docNo: string | null;
    writtenOn: string;
    category: string;
    topic: string;
    genre: string;
    keywords: string[];
    body: string;
    demo: boolean;
    issuerName?: string;
  },
): Promise<string> {
  const r = unwrap(
    await createPolicy(
      at(ctx, chinaTime(on, '09:00')),
      { actor: s.officer },
      {
        unitCode,
        title: p.title,
        formedOn: p.writtenOn,
        body: p.body,
        docNo: p.docNo,
        writtenOn: p.writtenOn,
        category: p.category,
        topic: p.topic,
        genre: p.genre,
        keywords: p.keywords,
        demo: p.demo,
        issuerName: p.issuerName,
      },
    ),
  );
  await publishOn(ctx, s, on, r.disclosure.id);
  return r.disclosure.id;
}

async function plain(ctx: AppContext, s: Staff, unitCode: string, on: string, title: string, body: string): Promise<string> {
  const d = unwrap(await createDisclosure(at(ctx, chinaTime(on, '09:00')), { actor: s.officer }, { unitCode, title, formedOn: on, body }));
  await publishOn(ctx, s, on, d.id);
  return d.id;
}

export async function seedPolicyDemo(ctx: AppContext, out: DemoSeedOutput): Promise<void> {
  if (await anyPolicy(ctx.db)) return;
  await ensureShowcaseAccounts(ctx, out);
  const admin = await demoActor(ctx, 'county.admin');
  const zfb = { officer: await demoActor(ctx, 'zfb.officer'), reviewer: await demoActor(ctx, 'zfb.reviewer') };
  const mzj = { officer: await demoActor(ctx, 'mzj.officer'), reviewer: await demoActor(ctx, 'mzj.reviewer') };
  const nyncj = { officer: await demoActor(ctx, 'nyncj.officer'), reviewer: await demoActor(ctx, 'nyncj.reviewer') };
  if (!admin || !zfb.officer || !zfb.reviewer || !mzj.officer || !mzj.reviewer || !nyncj.officer || !nyncj.reviewer) return;
  const Z = zfb as Staff;
  const M = mzj as Staff;
  const N = nyncj as Staff;
  const a = (on: string) => at(ctx, chinaTime(on, '08:30'));
  const m = { actor: admin };

  // County data set up by the county office: the real 机关代字 and 索引号 of the county office (reference-data.md,
  // domain.md), demo 代字 for invented documents, and which 分类 need a 解读 within how many working days (county choice).
  unwrap(
    await setNumberPrefixes(a('2023-12-01'), m, 'dept-zfb', [SEED_NOTICE.docPrefix], {
      source: '泗政办发〔2023〕72号、泗政办发〔2021〕73号（reference-data.md §1.3）',
    }),
  );
  unwrap(await setIndexPrefix(a('2023-12-01'), m, 'dept-zfb', SEED_NOTICE.indexPrefix));
  unwrap(await raiseIndexSerial(a('2023-12-01'), m, 'dept-zfb', SEED_NOTICE.indexYear, SEED_NOTICE.indexSerial - 1));
  unwrap(
    await savePolicySettings(a('2023-12-01'), m, { ...DEFAULT_POLICY_SETTINGS, interpretation: { categories: ['政府文件', '政府办文件'], workingDays: 3 } }),
  );

  // 1. The seed notice, published on its real date with its real metadata.
  const seed = await policy(ctx, Z, 'dept-zfb', SEED_NOTICE.publishedOn, {
    title: SEED_NOTICE.title,
    docNo: SEED_NOTICE.docNo,
    writtenOn: SEED_NOTICE.writtenOn,
    category: SEED_NOTICE.category,
    topic: SEED_NOTICE.topic,
    genre: SEED_NOTICE.genre,
    keywords: SEED_NOTICE.keywords,
    body: seedNoticeBody(),
    demo: false,
    issuerName: SEED_NOTICE.issuer,
  });
  unwrap(await setNumberPrefixes(a('2023-12-06'), m, 'dept-zfb', [SEED_NOTICE.docPrefix, '演示政办发'], { demo: true, source: '演示数据' }));
  unwrap(await setNumberPrefixes(a('2023-12-06'), m, 'dept-mzj', ['演示民发'], { demo: true, source: '演示数据' }));
  unwrap(await setNumberPrefixes(a('2023-12-06'), m, 'dept-nyncj', ['演示农发'], { demo: true, source: '演示数据' }));
  const interp = await plain(
    ctx,
    Z,
    'dept-zfb',
    '2023-12-07',
    '《泗阳县推进基层政务公开与村(居)务公开标准化规范化协同发展实施方案》政策解读（演示）',
    '<h3>一、为什么要制定这个方案</h3><p>为了让群众看得到、听得懂、易获取、能监督、好参与，把政务公开和村（居）务公开一起做实，走好政府信息公开“最后一公里”。</p>' +
      '<h3>二、分几步推进</h3><p>第一批在城厢街道卜湖社区开展市级试点；第二批各乡镇（街道）于2024年3月底前各选1个村（社区）试点；2025年1月起全县村（居）务公开标准化规范化全覆盖。</p>' +
      '<h3>三、村（居）民能看到什么</h3><p>村情概况、村务、财务、服务和其他公开五类内容。集体财务往来较多的村居，财务收支按月逐项公布；定期公开的内容每次公开时间不少于7个工作日。</p>' +
      '<p>（演示数据：本解读为演示编写，以方案原文为准。）</p>',
  );
  unwrap(await addInterpretation(at(ctx, chinaTime('2023-12-07', '16:30')), { actor: Z.officer }, seed, { disclosureId: interp, form: 'text' }));
  const resp = await plain(
    ctx,
    Z,
    'dept-zfb',
    '2024-03-18',
    '关于“村（居）务公开栏长期不更新”留言的回应（演示）',
    '<p>有群众留言反映个别村（居）务公开栏内容长期不更新。根据实施方案“杜绝村(居)务公开栏乱贴小广告、长期无内容、内容不按要求更新”的要求，县政府办已督促相关街道逐一核查，并将公开栏更新情况纳入督查。</p>' +
      NOTE,
  );
  unwrap(await addResponse(at(ctx, chinaTime('2024-03-18', '16:30')), { actor: Z.officer }, { disclosureId: resp, form: 'concern', policyId: seed }));
  // An office document of a marked category without its 解读: the compliance view lists it as overdue.
  await policy(ctx, Z, 'dept-zfb', '2026-03-12', {
    title: '县政府办公室关于印发泗阳县2026年政务公开工作要点的通知（演示）',
    docNo: '演示政办发〔2026〕2号',
    writtenOn: '2026-03-10',
    category: '政府办文件',
    topic: '其他',
    genre: '通知',
    keywords: ['政务公开', '工作要点'],
    body: '<p>各乡镇人民政府，各街道办事处，县各相关部门和单位：现将《泗阳县2026年政务公开工作要点》印发给你们，请认真贯彻落实。</p>' + NOTE,
    demo: true,
  });

  // 2. 民政局: a notice, its Q&A interpretation, a rumour rebuttal, and a later notice that amends it.
  const dibao = await policy(ctx, M, 'dept-mzj', '2025-04-14', {
    title: '泗阳县民政局关于规范城乡最低生活保障审核确认工作的通知（演示）',
    docNo: '演示民发〔2025〕5号',
    writtenOn: '2025-04-10',
    category: '部门文件',
    topic: '社会救助',
    genre: '通知',
    keywords: ['最低生活保障', '审核确认'],
    body:
      '<p>各乡镇人民政府、街道办事处：为规范城乡最低生活保障审核确认工作，现就申请受理、家庭经济状况核查、民主评议和公示等事项通知如下。</p><p>一、村（居）初审对象名单应在村（居）务公开栏公示，公示期满无异议后报乡镇（街道）审核确认。</p>' +
      NOTE,
    demo: true,
  });
  const qa = await plain(
    ctx,
    M,
    'dept-mzj',
    '2025-04-16',
    '城乡最低生活保障审核确认工作问答（演示）',
    '<p><strong>问：低保申请到哪里办？</strong></p><p>答：可以向户籍所在地的乡镇人民政府（街道办事处）提出，也可以请村（居）民委员会代为提交。</p><p><strong>问：公示多长时间？</strong></p><p>答：以审核确认办法和本县规定为准，在村（居）务公开栏公示。</p>' +
      NOTE,
  );
  unwrap(await addInterpretation(at(ctx, chinaTime('2025-04-16', '16:30')), { actor: M.officer }, dibao, { disclosureId: qa, form: 'qa' }));
  const rumour = await plain(
    ctx,
    M,
    'dept-mzj',
    '2025-06-09',
    '关于“低保名额按村平均分配”说法的澄清（演示）',
    '<p>近期有“低保名额按村平均分配”的说法。经核实，城乡最低生活保障按家庭经济状况审核确认，符合条件的应保尽保，不存在按村分配名额的做法。</p>' + NOTE,
  );
  // The rebuttal also answers the 民政局's demo consultation (participation's demo, when installed).
  const [consultation] = await publishedConsultationRefs(ctx.db, 'dept-mzj');
  unwrap(
    await addResponse(
      at(ctx, chinaTime('2025-06-09', '16:30')),
      { actor: M.officer },
      { disclosureId: rumour, form: 'rumour', policyId: dibao, consultationRef: consultation?.id ?? null },
    ),
  );
  const amend = await policy(ctx, M, 'dept-mzj', '2026-05-11', {
    title: '泗阳县民政局关于调整城乡最低生活保障审核确认有关事项的通知（演示）',
    docNo: '演示民发〔2026〕3号',
    writtenOn: '2026-05-08',
    category: '部门文件',
    topic: '社会救助',
    genre: '通知',
    keywords: ['最低生活保障'],
    body:
      '<p>《泗阳县民政局关于规范城乡最低生活保障审核确认工作的通知》（演示民发〔2025〕5号）第一条修改为：村（居）初审对象名单在村（居）务公开栏和县政务公开平台同步公示。</p>' +
      NOTE,
    demo: true,
  });
  unwrap(
    await changeValidity(at(ctx, chinaTime('2026-05-11', '17:00')), { actor: M.reviewer }, dibao, {
      to: 'amended',
      effectiveOn: '2026-05-11',
      byPolicyId: amend,
      reason: '第一条由演示民发〔2026〕3号修改',
    }),
  );
  // A metadata correction after publication, shown on the page with its reason (文件信息更正记录).
  unwrap(
    await editPolicyMetadata(at(ctx, chinaTime('2026-05-12', '09:30')), { actor: M.reviewer }, amend, {
      keywords: ['最低生活保障', '初审公示'],
      reason: '登记时漏填关键词“初审公示”，予以补充（演示）',
    }),
  );

  // 3. 农业农村局: this year's subsidy notice with a 图解, and last year's, expired at the end of its year.
  const old = await policy(ctx, N, 'dept-nyncj', '2024-04-22', {
    title: '泗阳县农业农村局关于做好2024年耕地地力保护补贴发放工作的通知（演示）',
    docNo: '演示农发〔2024〕6号',
    writtenOn: '2024-04-18',
    category: '部门文件',
    topic: '涉农补贴',
    genre: '通知',
    keywords: ['耕地地力保护补贴'],
    body: '<p>补贴对象经各行政村公示无异议后，由乡镇（街道）汇总上报，通过惠民惠农财政补贴资金“一卡通”发放到户。</p>' + NOTE,
    demo: true,
  });
  unwrap(
    await changeValidity(at(ctx, chinaTime('2025-01-02', '09:30')), { actor: N.reviewer }, old, {
      to: 'expired',
      effectiveOn: '2024-12-31',
      reason: '适用于2024年度，年度结束后失效',
    }),
  );
  const cur = await policy(ctx, N, 'dept-nyncj', '2026-04-22', {
    title: '泗阳县农业农村局关于做好2026年耕地地力保护补贴发放工作的通知（演示）',
    docNo: '演示农发〔2026〕8号',
    writtenOn: '2026-04-20',
    category: '部门文件',
    topic: '涉农补贴',
    genre: '通知',
    keywords: ['耕地地力保护补贴', '一卡通'],
    body: '<p>补贴对象经各行政村公示无异议后，由乡镇（街道）汇总上报县农业农村局、县财政局，通过“一卡通”发放。</p>' + NOTE,
    demo: true,
  });
  const graphic = await plain(
    ctx,
    N,
    'dept-nyncj',
    '2026-04-23',
    '一图读懂2026年耕地地力保护补贴（演示）',
    '<p>图解要点：谁能领、领多少、怎么领、到哪里问。</p>' + NOTE,
  );
  unwrap(await addInterpretation(at(ctx, chinaTime('2026-04-23', '16:30')), { actor: N.officer }, cur, { disclosureId: graphic, form: 'graphic' }));
  out.notes.push('政策文件：泗政办发〔2023〕72号（真实元数据）及其解读、回应，民政局、农业农村局的演示文件（含已修改、已失效），见 /policies');
}
