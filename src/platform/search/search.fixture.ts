import type { SearchDocumentInput } from './engine.ts';

// ~40 realistic public, masked documents of the Siyang demo tree (names masked as 张*华).

const UNITS = {
  county: { unitCode: '321323', unitPath: '/321323/', unitName: '泗阳县人民政府' },
  chengxiang: { unitCode: '321323002', unitPath: '/321323/321323002/', unitName: '城厢街道' },
  buhu: { unitCode: '321323002-buhu', unitPath: '/321323/321323002/321323002-buhu/', unitName: '卜湖社区' },
  linhe: { unitCode: '321323106', unitPath: '/321323/321323106/', unitName: '临河镇' },
  wsz: { unitCode: '321323106211', unitPath: '/321323/321323106/321323106211/', unitName: '王三庄村' },
  mzj: { unitCode: 'dept-mzj', unitPath: '/321323/dept-mzj/', unitName: '泗阳县民政局' },
  ybj: { unitCode: 'dept-ybj', unitPath: '/321323/dept-ybj/', unitName: '泗阳县医疗保障局' },
  rsj: { unitCode: 'dept-rsj', unitPath: '/321323/dept-rsj/', unitName: '泗阳县人力资源和社会保障局' },
  nync: { unitCode: 'dept-nyncj', unitPath: '/321323/dept-nyncj/', unitName: '泗阳县农业农村局' },
  tyjr: { unitCode: 'dept-tyjrj', unitPath: '/321323/dept-tyjrj/', unitName: '泗阳县退役军人事务局' },
} as const;

type UnitKey = keyof typeof UNITS;

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function doc(id: string, unit: UnitKey, date: string, title: string, body: string, opts: { type?: string; domain?: string; category?: string; archived?: boolean; summary?: string } = {}): SearchDocumentInput {
  return {
    docId: `disclosure:${id}`,
    type: opts.type ?? 'disclosure',
    ...UNITS[unit],
    domain: opts.domain ?? null,
    category: opts.category ?? null,
    title,
    summary: opts.summary ?? null,
    bodyText: body,
    url: `/d/${id}`,
    // 10:00 China time on the given date.
    publishedAt: `${date}T02:00:00.000Z`,
    // 往期 records: the display ended a week after publication (all long before the tests' today,
    // 2026-11-26); the others have no end.
    displayEnd: opts.archived ? addDays(date, 7) : null,
  };
}

export const FIXTURE_DOCS: SearchDocumentInput[] = [
  doc('buhu-fin-2026-10', 'buhu', '2026-11-05', '卜湖社区2026年10月财务收支公开', '本月集体经济收入合计 12.6 万元，其中门面房租金 9.8 万元、上级转移支付 2.8 万元；支出合计 8.3 万元，主要用于保洁人员工资、路灯维修和办公经费。财务收支明细表已经社区居务监督委员会审核，欢迎居民监督。', { category: 'finance' }),
  doc('buhu-fin-2026-09', 'buhu', '2026-10-08', '卜湖社区2026年9月财务收支公开', '本月收入 10.2 万元，支出 7.9 万元，结余 2.3 万元。支出中含绿化养护费 1.2 万元。收支凭证可在社区便民服务中心查阅。', { category: 'finance' }),
  doc('buhu-fin-2025-q4', 'buhu', '2026-01-10', '卜湖社区2025年第四季度财务收支公开', '第四季度收入 31.5 万元，支出 27.4 万元。年终结算后集体资产总额 412 万元。', { category: 'finance', archived: true }),
  doc('cx-dibao-2026-q3', 'chengxiang', '2026-10-12', '城厢街道2026年第三季度城乡最低生活保障对象名单公示', '根据《社会救助暂行办法》和省市有关规定，经入户调查、民主评议和街道审核，现将2026年第三季度城乡最低生活保障对象名单公示如下：张*华（卜湖社区，保障人数2人）、李*芳（卜湖社区，保障人数1人）、王*明（众兴社区，保障人数3人）。公示期7天，如有异议请向街道社会事务办反映。', { domain: 'social_assistance' }),
  doc('cx-dibao-2026-q2', 'chengxiang', '2026-07-10', '城厢街道2026年第二季度低保对象名单公示', '第二季度新增低保对象5户8人，停保3户4人。名单如下：陈*军、刘*兰、赵*华……公示期7天。', { domain: 'social_assistance', archived: true }),
  doc('mzj-spring-relief', 'mzj', '2026-01-20', '关于2026年春节期间困难群众临时救助的通知', '各镇（街道）：为保障困难群众温暖过节，春节前对低保对象、特困人员和因病因灾遭遇临时困难的家庭开展一次性临时救助，发放标准为每户500元，1月31日前发放到位。', { domain: 'social_assistance', type: 'notice' }),
  doc('wsz-zhaijidi-2026', 'wsz', '2026-09-15', '王三庄村宅基地审批情况公示', '经村民代表会议讨论和镇政府审批，以下农户建房申请获得批准：王*军，新建住房占地 160 平方米，位于三组；王*强，原址翻建，占地 150 平方米。公示期5个工作日。', { category: 'land' }),
  doc('nync-dili-2026', 'nync', '2026-06-20', '泗阳县2026年耕地地力保护补贴发放情况公示', '2026年全县耕地地力保护补贴标准为每亩118元，补贴面积以农户承包地确权面积为准，资金通过惠民惠农财政补贴资金“一卡通”直接发放到户。', { domain: 'agriculture' }),
  doc('mzj-tekun-std-2026', 'mzj', '2026-03-01', '泗阳县2026年特困人员救助供养标准调整的通知', '自2026年1月起，农村特困人员基本生活标准提高到每人每年15600元，城市特困人员同步调整；照料护理标准按生活自理能力分档。', { domain: 'social_assistance', type: 'notice' }),
  doc('lh-tekun-list', 'linhe', '2026-08-01', '临河镇2026年特困供养人员名单公示', '经审核，以下人员纳入特困供养：孙*山（分散供养）、周*英（集中供养，镇敬老院）。公示期7天。', { domain: 'social_assistance' }),
  doc('mzj-canbu-2026', 'mzj', '2026-04-10', '关于发放2026年度困难残疾人生活补贴和重度残疾人护理补贴的公告', '困难残疾人生活补贴标准为每人每月100元，重度残疾人护理补贴标准为每人每月100元，按月发放至本人社会保障卡。', { domain: 'social_assistance' }),
  doc('wsz-yishiyiyi-2026', 'wsz', '2026-05-18', '王三庄村2026年一事一议筹资筹劳项目公示', '经村民代表大会讨论通过，2026年实施三组道路硬化一事一议项目，筹资标准每人20元，预计总投资18万元，申请财政奖补9万元。', { category: 'affairs' }),
  doc('wsz-fin-2026-q3', 'wsz', '2026-10-15', '王三庄村2026年第三季度财务收支公开', '第三季度收入 6.4 万元（土地发包收入 5.1 万元），支出 4.8 万元（河道保洁 1.5 万元、村干部报酬 2.6 万元）。', { category: 'finance' }),
  doc('wsz-sanzi-2026', 'wsz', '2026-02-28', '王三庄村集体三资清产核资结果公示', '经清产核资，村集体资金 23.5 万元、资产 186 万元（村部、仓库、灌溉泵站）、资源（集体土地、坑塘）320 亩。', { category: 'finance' }),
  doc('lh-weifang-2026', 'linhe', '2026-07-22', '临河镇2026年农村危房改造对象公示', '经农户申请、村级评议、镇级审核，拟将以下4户列为2026年农村危房改造对象：王*成（王三庄村）、刘*贵（新集村）……', { domain: 'housing' }),
  doc('cx-gaoling-2026', 'chengxiang', '2026-09-01', '城厢街道2026年高龄津贴发放名单公示', '80周岁以上老年人尊老金按月发放：80至89周岁每人每月50元，90至99周岁每人每月100元，100周岁以上每人每月500元。', { domain: 'social_assistance' }),
  doc('ybj-canbao-2026', 'ybj', '2025-10-20', '泗阳县2026年度城乡居民基本医疗保险参保缴费的通知', '2026年度城乡居民医保个人缴费标准为每人每年400元，集中缴费期为2025年9月至12月，低保对象、特困人员个人缴费部分由医疗救助资金全额资助。', { domain: 'medical_insurance', type: 'notice' }),
  doc('ybj-jiuzhu', 'ybj', '2026-02-10', '泗阳县医疗救助实施办法', '对低保对象、特困人员、返贫致贫人口经基本医保、大病保险报销后的政策范围内个人自付费用给予救助，年度救助限额6万元。', { domain: 'medical_insurance' }),
  doc('rsj-yanglao-2026', 'rsj', '2026-07-01', '泗阳县2026年城乡居民养老保险基础养老金调整公告', '自2026年7月起，城乡居民基本养老保险基础养老金每人每月提高20元，补发部分随8月养老金一并发放。', { domain: 'social_security' }),
  doc('buhu-cwgk-catalog', 'buhu', '2026-03-05', '卜湖社区村务公开目录及公开时间', '社区党务、居务、财务按目录定期公开：财务每月公开一次，低保、救助等事项随时公开，公开栏位于社区服务中心东侧。', { category: 'affairs' }),
  doc('county-annual-report-2025', 'county', '2026-01-31', '泗阳县人民政府2025年政府信息公开工作年度报告', '2025年全县主动公开政府信息12863条，收到依申请公开申请156件，均按期答复；政务公开专区服务群众2.1万人次。', { domain: 'open_government' }),
  doc('county-ysq-guide', 'county', '2026-02-15', '泗阳县人民政府信息公开申请指南', '公民、法人或者其他组织可以通过网上、信函、当面等方式提出政府信息公开申请，行政机关收到申请后20个工作日内答复。', { domain: 'open_government' }),
  doc('lh-zhengdi-2026', 'linhe', '2026-05-05', '临河镇2026年土地征收补偿安置方案公告', '因省道改建需要，拟征收临河镇王三庄村集体土地86亩，土地补偿费和安置补助费按区片综合地价执行，青苗补偿另计。', { domain: 'land' }),
  doc('cx-linshi-2026-10', 'chengxiang', '2026-11-03', '城厢街道2026年10月临时救助发放情况公示', '10月共实施临时救助12户，发放救助金2.4万元，其中急难型救助3户。', { domain: 'social_assistance' }),
  doc('buhu-dibao-adjust', 'buhu', '2026-10-05', '卜湖社区2026年第三季度低保户动态调整公示', '本季度新增低保户2户，因收入增加退出1户。新增：张*华、李*芳。公示期7天。', { category: 'affairs' }),
  doc('wsz-huinong-2026', 'wsz', '2026-06-25', '王三庄村2026年惠农补贴发放情况公示', '本村2026年耕地地力保护补贴共发放 312 户，合计 21.4 万元，已通过“一卡通”发放到户，请农户核对。', { category: 'finance' }),
  doc('buhu-yishi-minutes', 'buhu', '2026-08-12', '卜湖社区居民议事会议纪要', '会议讨论了小区停车位划线和垃圾分类亭设置。（居民留言中出现的代码 <script>alert(1)</script> 已按原文保留）', { category: 'affairs' }),
  doc('wsz-meeting-2026', 'wsz', '2026-04-02', '王三庄村村民代表大会决议公开', '村民代表大会应到38人，实到35人，表决通过三组道路硬化、文化广场改造两项决议。', { category: 'affairs' }),
  doc('lh-gaobiaozhun', 'linhe', '2026-03-20', '临河镇高标准农田建设项目公示', '项目建设面积1.2万亩，涉及王三庄村等5个村，建设内容包括沟渠清淤、机耕路和灌溉泵站。', { domain: 'agriculture' }),
  doc('mzj-guer-2026', 'mzj', '2026-01-08', '泗阳县2026年孤儿和事实无人抚养儿童基本生活费标准的通知', '集中养育孤儿每人每月2200元，社会散居孤儿和事实无人抚养儿童每人每月1600元。', { domain: 'social_assistance', type: 'notice' }),
  doc('buhu-gongyi-jobs', 'buhu', '2026-09-10', '卜湖社区公益性岗位招聘公告', '招聘保洁、治安巡逻公益性岗位4名，优先安置就业困难人员，报名时间9月10日至9月17日。', { category: 'affairs' }),
  doc('tyjr-spring-visit', 'tyjr', '2026-01-25', '泗阳县退役军人事务局2026年春节走访慰问优抚对象的通知', '春节前走访慰问重点优抚对象和困难退役军人，每户发放慰问金800元。', { domain: 'veterans', type: 'notice' }),
  doc('lh-gaice-2026', 'linhe', '2026-08-20', '临河镇2026年农村户厕改造验收结果公示', '2026年全镇完成农村户厕改造 426 户，验收合格 419 户，不合格 7 户限期整改。', { domain: 'rural_development' }),
  doc('wsz-fanpin', 'wsz', '2026-07-15', '王三庄村防止返贫动态监测对象公示', '经农户申报、村级排查，拟将1户纳入防止返贫监测对象，落实产业和就业帮扶措施。', { category: 'affairs' }),
  doc('cx-budget-2026', 'chengxiang', '2026-02-20', '城厢街道2026年部门预算公开', '2026年街道一般公共预算支出 1.86 亿元，其中社会保障和就业支出 0.42 亿元。', { domain: 'budget' }),
  doc('mzj-dibao-std-2026', 'mzj', '2026-06-30', '关于提高2026年城乡低保标准的通知', '自2026年7月1日起，城乡最低生活保障标准由每人每月860元提高到每人每月900元。', { domain: 'social_assistance', type: 'notice' }),
  doc('buhu-yibao-2026', 'buhu', '2026-11-10', '卜湖社区2026年城乡居民医保参保情况公示', '本社区城乡居民基本医疗保险参保 2316 人，参保率 99.2%，未参保居民请于12月底前到社区补缴。', { category: 'affairs' }),
  doc('wsz-fin-2025', 'wsz', '2026-01-15', '王三庄村2025年度财务收支公开', '2025年度收入 24.7 万元，支出 21.3 万元，年末结余 3.4 万元。', { category: 'finance', archived: true }),
  doc('lh-spring-safety', 'linhe', '2026-01-28', '临河镇关于做好春节期间安全生产工作的通知', '春节期间严禁违规燃放烟花爆竹，各村加强消防巡查，做好值班值守。', { type: 'notice' }),
  doc('lh-jianfang-2026-q3', 'linhe', '2026-10-20', '临河镇2026年第三季度农村建房审批结果公示', '本季度批准农村村民建房申请 9 户，其中王三庄村 3 户、新集村 2 户，均在村庄规划范围内。', { domain: 'land' }),
];

export const ID = (slug: string): string => `disclosure:${slug}`;

/**
 * Generated-style records (bench/lib/generate-county.ts: catalog titles, phrase-bank bodies, tables
 * flattened to text), labelled in test/search-relevance.json with the fixture above. Kept apart so
 * the behaviour tests (search.test.ts) keep their small, hand-checked set.
 */
export const GENERATED_STYLE_DOCS: SearchDocumentInput[] = [
  doc('gen-wsz-zxjf-2026-q2', 'wsz', '2026-07-08', '王三庄村2026年第二季度低保、五保供养专项经费发放情况', '本次新增低保对象均已完成家庭经济状况核对，收入和财产状况符合城乡低保条件。低保金按月通过“一卡通”直接发放到户，任何单位和个人不得截留、挪用。村民小组 保障户数 保障人数 发放金额（元） 第1组 5 9 12,400 第2组 3 4 6,150 第3组 7 12 18,900。特困供养人员的基本生活标准按照不低于当地低保标准的1.3倍确定，照料护理费按失能等级分档发放。', { category: 'finance' }),
  doc('gen-buhu-dibao-list', 'buhu', '2026-04-12', '卜湖社区城乡最低生活保障对象名单公示', '根据《江苏省最低生活保障办法》和县民政局有关规定，经村民小组评议、村（居）委会入户调查，现将城乡最低生活保障对象审核情况予以公示。对因病致贫、因残致贫的困难家庭，按照“应保尽保、应退尽退”的原则实行动态管理。村务监督委员会对本次公开内容进行了审核，确认内容真实、完整。', { category: 'affairs', archived: true }),
  doc('gen-wsz-daogu-2025', 'wsz', '2025-11-18', '王三庄村2025年稻谷目标价格补贴发放情况公示', '稻谷目标价格补贴按实际种植面积核定，种植面积由村民小组逐户丈量并签字确认。村民小组 户数 面积（亩） 补贴金额（元） 第1组 42 615 38,120 第2组 36 508 31,540。惠农补贴发放情况已经村务监督委员会审核，补贴对象、面积、标准和金额一并公开。', { category: 'finance', archived: true }),
  doc('gen-buhu-zunlao-2026', 'buhu', '2026-08-05', '卜湖社区2026年高龄老人尊老金发放情况公示', '高龄老人尊老金按月发放，80周岁以上老人均可申领，由村（居）委会协助办理。惠农补贴发放情况已经村务监督委员会审核，补贴对象、面积、标准和金额一并公开。公开方式为村务公开栏、“泗阳村务”微信群和县政务公开平台同步发布。', { category: 'finance' }),
  doc('gen-wsz-zjd-2026-q1', 'wsz', '2026-04-03', '王三庄村2026年第一季度宅基地批建情况公示', '宅基地申请须符合国土空间规划和村庄规划，坚持“一户一宅”，面积不得超过规定标准。经村民小组会议讨论通过后，将申请人、拟用地位置、面积、四至等信息在本村公示不少于五个工作日。农房建设实行“规划许可、放线到场、竣工验收”全过程管理，严禁未批先建、少批多占。', { category: 'land', archived: true }),
  doc('gen-wsz-road-2026', 'wsz', '2026-09-22', '关于王三庄村村内道路硬化工程及资金使用情况的公示', '村内道路硬化工程全长约两公里，路面宽度四点五米，采用C30水泥混凝土浇筑。项目资金来源为上级“一事一议”财政奖补资金和村集体自筹资金，工程已通过镇级验收。所有支出均履行了“四议两公开”程序，大额支出经村民代表会议讨论通过。', { category: 'affairs' }),
  doc('gen-buhu-bridge-2026', 'buhu', '2026-06-16', '关于卜湖社区桥梁维修加固工程及资金使用情况的公示', '桥梁维修加固工程由具备资质的施工单位实施，监理单位全程旁站监督。本项目通过公开招标确定施工单位，中标价格、工期和质量要求均已公示。“三资”管理实行村账镇代管，资金收付一律通过银行结算，杜绝坐支现金。', { category: 'affairs' }),
  doc('gen-wsz-tdlz-2026-q2', 'wsz', '2026-07-12', '王三庄村2026年第二季度土地承包经营权流转情况', '土地承包经营权流转遵循依法、自愿、有偿的原则，流转合同统一使用省级示范文本。本期土地流转面积、流转价格、受让方及流转期限详见下表，流转费用按年度支付到户。', { category: 'land' }),
  doc('gen-wsz-chunjie-2026', 'wsz', '2026-02-20', '王三庄村2026年春节慰问及捐赠款物使用情况', '春节前夕，村（居）两委组织开展走访慰问活动，为困难群众、老党员和退役军人送去慰问金和米面油。本次慰问共走访困难家庭若干户，发放慰问金和慰问物资，所需资金由上级拨付和村集体列支。慰问对象经村民小组推荐、两委会研究确定，名单在村务公开栏公示。', { category: 'finance', archived: true }),
  doc('gen-buhu-linshi-2026', 'buhu', '2026-09-28', '关于卜湖社区临时救助审核结果的公示', '临时救助对象因突发事件、意外伤害导致基本生活暂时出现严重困难的，经审核后给予一次性救助。如对公开内容有异议，请在公示期内向村务监督委员会或镇（街道）农经中心反映。', { category: 'affairs' }),
  doc('gen-wsz-canbu-2026', 'wsz', '2026-10-09', '关于王三庄村残疾人补贴申请审核结果的公示', '残疾人两项补贴包括困难残疾人生活补贴和重度残疾人护理补贴，按季度发放。经村民代表会议讨论通过，现将有关事项公布如下，公示期内如有异议请向村务监督委员会反映。', { category: 'affairs' }),
  doc('gen-wsz-fin-2026-08', 'wsz', '2026-09-06', '王三庄村2026年8月财务收支公开', '现将王三庄村2026年8月财务收支情况公开如下：本月收入18,652.3元，支出42,310.5元，月末余额1,204,553.6元。本期收入主要为集体资产发包租赁收入、上级补助收入和经营收入，支出主要为公益事业支出、管理费用和干部报酬。收鱼塘承包费 发包及上交收入；支付沟渠清淤费 公益支出；支付保洁员工资 管理费用。', { category: 'finance' }),
  doc('gen-buhu-ganbu-2026', 'buhu', '2026-01-06', '卜湖社区2026年村（居）干部基本信息', '民主评议村干部活动由村民代表和党员代表参加，评议结果作为年度考核的重要依据。本村严格落实“四议两公开”工作法，重大事项由村党组织提议、两委会商议、党员大会审议、村民代表会议决议。', { category: 'affairs', archived: true }),
  doc('gen-wsz-renju-2026', 'wsz', '2026-06-30', '关于王三庄村人居环境整治情况公开（2026年6月）', '人居环境整治方面，本村开展了河塘清淤、垃圾分类和厕所改造，群众满意度明显提升。公开方式为村务公开栏、“泗阳村务”微信群和县政务公开平台同步发布。', { category: 'affairs' }),
  doc('gen-linhe-nongji-2026', 'linhe', '2026-05-26', '临河镇2026年农机购置补贴发放情况公示', '农机购置补贴实行自主购机、定额补贴、先购后补、县级结算、直补到卡的方式。耕地地力保护补贴按照第二轮土地承包面积核定，补贴资金通过“一卡通”发放到农户账户。', { domain: 'agriculture' }),
  doc('gen-wsz-changfang-2026', 'wsz', '2026-08-28', '关于王三庄村集体厂房出租及资金使用情况的公示', '本期村集体经营性收入较上年同期有所增长，主要来源于厂房出租和土地流转服务费。“三资”管理实行村账镇代管，资金收付一律通过银行结算，杜绝坐支现金。', { category: 'finance' }),
];
