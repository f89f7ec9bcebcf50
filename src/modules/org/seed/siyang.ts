/**
 * 泗阳县 (Siyang County) organisation seed, from ../shared/docs/reference-data.md §1.
 * Official division codes only where the sources give them; other units get an internal code
 * (parent code + pinyin) and a NULL division_code. Nothing here is invented: unconfirmed
 * departments are flagged `demo`.
 */
import type { UnitKind } from '../org.kinds.ts';

export interface SeedUnit {
  code?: string;
  divisionCode?: string;
  name: string;
  kind: UnitKind;
  address?: string;
  postalCode?: string;
  phone?: string;
  abolishedOn?: string;
  demo?: boolean;
  source: string;
  note?: string;
  children?: SeedUnit[];
}

const NBS = '国家统计局2023年统计用区划代码（modood/Administrative-divisions-of-China）';
const REFORM_2020 = '2020年泗阳县部分乡镇行政区划调整方案（2020-8-7）';

function communities(names: string[], source: string, suffix = '社区', kind: UnitKind = 'community'): SeedUnit[] {
  return names.map((n) => ({ name: `${n}${suffix}`, kind, source }));
}

export const SIYANG: SeedUnit = {
  divisionCode: '321323',
  name: '泗阳县',
  kind: 'county',
  address: '宿迁市泗阳县众兴街道北京中路16号',
  postalCode: '223700',
  source: NBS,
  children: [
    {
      code: 'dept-zfb',
      name: '泗阳县人民政府办公室',
      kind: 'department',
      address: '宿迁市泗阳县众兴街道北京中路16号',
      postalCode: '223700',
      phone: '0527-85272811',
      source: '泗阳县政府信息公开工作年度报告（2019–2021）',
    },
    {
      code: 'dept-mzj',
      name: '泗阳县民政局',
      kind: 'department',
      address: '宿迁市泗阳县众兴街道北京中路20号',
      postalCode: '223700',
      phone: '0527-85212808',
      source: '泗阳县民政局2021年政府信息公开工作年度报告',
    },
    { code: 'dept-zrzyj', name: '泗阳县自然资源和规划局', kind: 'department', source: '新闻报道（第三方转载）提及“县自然资源和规划局”' },
    { code: 'dept-slj', name: '泗阳县水利局', kind: 'department', source: '新闻报道（第三方转载）提及“水利局”' },
    { code: 'dept-czj', name: '泗阳县财政局', kind: 'department', demo: true, source: '演示数据', note: '名称按江苏县级机构通例，未经核实' },
    { code: 'dept-nyncj', name: '泗阳县农业农村局', kind: 'department', demo: true, source: '演示数据', note: '名称按江苏县级机构通例，未经核实' },
    { code: 'dept-jyj', name: '泗阳县教育局', kind: 'department', demo: true, source: '演示数据', note: '名称按江苏县级机构通例，未经核实' },
    { code: 'dept-wjw', name: '泗阳县卫生健康委员会', kind: 'department', demo: true, source: '演示数据', note: '名称按江苏县级机构通例，未经核实' },
    { code: 'dept-rsj', name: '泗阳县人力资源和社会保障局', kind: 'department', demo: true, source: '演示数据', note: '名称按江苏县级机构通例，未经核实' },
    {
      divisionCode: '321323001',
      name: '众兴街道',
      kind: 'street',
      address: '北京西路15号',
      source: NBS,
      note: '街道办事处驻杨圩居委会境内',
      children: communities(
        [
          '东光',
          '西湖',
          '东华',
          '红光',
          '五里',
          '西康',
          '前进',
          '杨圩',
          '周庄',
          '詹庙',
          '府苑',
          '运南',
          '众东',
          '东祥',
          '顾集',
          '桃源',
          '洪南',
          '叶庄',
          '朱圩',
          '刘桥',
          '二桥',
        ],
        `${REFORM_2020}（原众兴镇居委会）`,
      ),
    },
    {
      divisionCode: '321323002',
      name: '城厢街道',
      kind: 'street',
      address: '意杨大道6号',
      source: NBS,
      note: '街道办事处驻南园社区境内',
      children: communities(
        ['龙门', '卜湖', '南园', '建南', '陶圩', '东风', '城南', '小圩', '联合', '南门园', '建华', '界湖', '五堆', '姚圩'],
        `${REFORM_2020}；2020年7月省政府批复设立城厢街道`,
      ),
    },
    {
      divisionCode: '321323003',
      name: '来安街道',
      kind: 'street',
      address: '来安街8号',
      source: NBS,
      note: '由原八集乡和原众兴镇18个居委会组成；原八集乡所辖村名未见于资料',
      children: communities(
        [
          '贾庄',
          '魏湾',
          '葛集',
          '同兴',
          '双安',
          '朱楼',
          '胡集',
          '陈祠堂',
          '蚕桑',
          '刘集圩',
          '徐园',
          '来安',
          '姜丰',
          '张束',
          '东和平',
          '东安',
          '葛二',
          '陈大元',
        ],
        `${REFORM_2020}（原众兴镇居委会）`,
      ),
    },
    { divisionCode: '321323101', name: '爱园镇', kind: 'town', address: '小康街8号', source: NBS, note: '原爱园镇与里仁乡合并（2020）' },
    { divisionCode: '321323102', name: '王集镇', kind: 'town', source: NBS, note: '原王集镇与南刘集乡合并（2020）；辖6个居委会、21个村委会（名称未见于资料）' },
    { divisionCode: '321323103', name: '裴圩镇', kind: 'town', source: NBS },
    { divisionCode: '321323104', name: '新袁镇', kind: 'town', source: NBS },
    { divisionCode: '321323105', name: '李口镇', kind: 'town', source: NBS },
    {
      divisionCode: '321323106',
      name: '临河镇',
      kind: 'town',
      source: NBS,
      children: [
        {
          divisionCode: '321323106211',
          name: '王三庄村',
          kind: 'village',
          source: '地名网站（第三方）：王三庄村 321323106211，江苏省第十四批省级“民主法治示范”村',
        },
        ...communities(
          ['西稍', '何庄', '冯庄', '沈圩', '熊码', '云渡', '杨工', '曹渡', '房湖', '曹码', '胡庄'],
          '地名网站（第三方）王三庄村邻近村居',
          '村',
          'village',
        ),
        ...communities(['小店', '临河', '大兴'], '地名网站（第三方）王三庄村邻近村居'),
      ],
    },
    { divisionCode: '321323107', name: '穿城镇', kind: 'town', source: NBS },
    { divisionCode: '321323110', name: '卢集镇', kind: 'town', address: '光明路8号', source: NBS, note: '原卢集镇与高渡镇合并（2020）' },
    {
      divisionCode: '321323111',
      name: '三庄镇',
      kind: 'town',
      address: '振兴东路2号',
      source: NBS,
      note: '原三庄乡与原众兴镇9个居委会组成（2020）；镇政府驻史集居委会境内',
      children: [
        ...communities(['孙李', '凌城', '民主', '史集'], `${REFORM_2020}（原众兴镇居委会）`),
        { divisionCode: '321323111005', name: '双渡社区', kind: 'community', source: '地名网站（第三方）：双渡社区 321323111005，城乡分类121' },
        ...communities(['程道', '姜桥', '红星', '滚坝'], `${REFORM_2020}（原众兴镇居委会）`),
        ...communities(['毕滩', '嵇集', '黄徐', '梨园', '尤圩', '王口', '费渡', '江渡'], '地名网站（第三方）双渡社区邻近村居', '村', 'village'),
      ],
    },
    {
      divisionCode: '321323200',
      name: '庄圩乡',
      kind: 'township',
      source: NBS,
      note: '面积58.53平方千米，人口约3.7万',
      children: communities(
        ['庄圩', '王码', '水庄', '淮河', '河涯', '杨刘', '农科', '大楼', '红旗'],
        '地名网站（第三方，2023-08-30）：庄圩乡管辖9个行政村',
        '村',
        'village',
      ),
    },
    { divisionCode: '321323400', name: '棉花原种场', kind: 'farm_park', source: NBS },
    { divisionCode: '321323401', name: '泗阳农场', kind: 'farm_park', source: NBS },
    { divisionCode: '321323402', name: '江苏泗阳开发区', kind: 'farm_park', source: NBS },
    // Units abolished by the 2020 reform: kept for history, cannot receive new records.
    {
      divisionCode: '321323100',
      name: '众兴镇',
      kind: 'town',
      abolishedOn: '2020-08-07',
      source: `${NBS}（2017–2019年数据）`,
      note: `撤销：${REFORM_2020}，所辖居委会划入众兴、城厢、来安街道和三庄镇`,
    },
    {
      divisionCode: '321323108',
      name: '张家圩镇',
      kind: 'town',
      abolishedOn: '2020-08-07',
      source: `${NBS}（2017–2019年数据）`,
      note: '2020年起不再出现于区划代码；去向未见于资料',
    },
    {
      divisionCode: '321323109',
      name: '高渡镇',
      kind: 'town',
      abolishedOn: '2020-08-07',
      source: `${NBS}（2017–2019年数据）`,
      note: `撤销：${REFORM_2020}，并入卢集镇`,
    },
    {
      divisionCode: '321323201',
      name: '里仁乡',
      kind: 'township',
      abolishedOn: '2020-08-07',
      source: `${NBS}（2017–2019年数据）`,
      note: `撤销：${REFORM_2020}，并入爱园镇`,
    },
    {
      divisionCode: '321323202',
      name: '三庄乡',
      kind: 'township',
      abolishedOn: '2020-08-07',
      source: `${NBS}（2017–2019年数据）`,
      note: `撤销：${REFORM_2020}，设立三庄镇`,
    },
    {
      divisionCode: '321323203',
      name: '南刘集乡',
      kind: 'township',
      abolishedOn: '2020-08-07',
      source: `${NBS}（2017–2019年数据）`,
      note: `撤销：${REFORM_2020}，并入王集镇`,
    },
    {
      divisionCode: '321323204',
      name: '八集乡',
      kind: 'township',
      abolishedOn: '2020-08-07',
      source: `${NBS}（2017–2019年数据）`,
      note: `撤销：${REFORM_2020}，并入来安街道`,
    },
  ],
};

/** Demo accounts created on first start (passwords are random, generated at seed time). */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: string; unit: string }[] = [
  { username: 'county.admin', displayName: '县政府办管理员', role: 'county_admin', unit: '321323' },
  { username: 'mzj.officer', displayName: '民政局经办人', role: 'unit_officer', unit: 'dept-mzj' },
  { username: 'mzj.reviewer', displayName: '民政局审核人', role: 'unit_reviewer', unit: 'dept-mzj' },
  { username: 'chengxiang.officer', displayName: '城厢街道经办人', role: 'unit_officer', unit: '321323002' },
  { username: 'chengxiang.reviewer', displayName: '城厢街道审核人', role: 'unit_reviewer', unit: '321323002' },
  { username: 'buhu.clerk', displayName: '卜湖社区经办人', role: 'village_clerk', unit: '321323002-buhu' },
  { username: 'buhu.supervisor', displayName: '卜湖社区村务监督委员会委员', role: 'village_supervisor', unit: '321323002-buhu' },
  // A second committee member: with two-person sign-off, a correction the 委员 proposes is approved by someone else.
  { username: 'buhu.chair', displayName: '卜湖社区村务监督委员会主任', role: 'village_supervisor', unit: '321323002-buhu' },
  { username: 'wangsanzhuang.clerk', displayName: '王三庄村经办人', role: 'village_clerk', unit: '321323106211' },
  { username: 'county.archivist', displayName: '县档案管理员', role: 'archivist', unit: '321323' },
  // The village's keeper (《村级档案管理办法》第6条): files, registers, keeps the reading point and the archive room.
  { username: 'buhu.archivist', displayName: '卜湖社区档案管理员', role: 'archivist', unit: '321323002-buhu' },
];
