/**
 * The front matter of the public API documentation at /api/docs (the operations themselves are generated from
 * the route schemas): what a developer of the county's own systems needs before the first call, and one tag per
 * area with what it covers.
 */

export const API_DESCRIPTION = `政务公开与村（居）务公开标准化平台的接口说明，由各接口的请求和响应结构自动生成。

**身份验证** 除标为公开的接口外，每个接口都需要登录：
- 集成系统用个人访问令牌：请求头 \`Authorization: Bearer <令牌>\`（在管理后台“访问令牌”页或 \`POST /api/v1/tokens\` 创建，只显示一次）。
- 浏览器用会话：\`POST /api/v1/auth/login\` 设置会话 Cookie；写操作（POST、PUT、PATCH、DELETE）须带 \`x-csrf-token\` 请求头，值为登录时返回的 \`csrfToken\`。

令牌与会话的权限相同：一个账号只能看到、办理本单位及下级单位的事项；范围之外的记录一律答复 404。

**错误** 所有错误都以 JSON 返回：\`{"error": {"code": "英文代码", "message": "中文说明，可直接展示给用户", "requestId": "…"}}\`。
400 表示请求内容有误，401 未登录，403 无权办理，404 不存在或不在本人管辖范围，409 与当前状态冲突，413 文件过大，415 文件类型不允许，429 请求过于频繁（见 \`Retry-After\`）。

**数据格式** 日期为 \`YYYY-MM-DD\`（中国时间），时间为 ISO 8601 UTC；列表接口用 \`limit\`（默认 50，最多 500）和 \`offset\` 分页，并返回 \`total\`。

**公开数据** 公开接口（检索、订阅源、依申请公开和政民互动的网上提交和查询）返回的内容已经过个人信息遮盖；网上申请和查询有频率限制。`;

/** One tag per area of the API, in the order the documentation shows them. */
export const API_TAGS: { name: string; description: string }[] = [
  { name: 'platform', description: '平台：健康检查' },
  { name: 'auth', description: '登录、退出、当前账号、修改密码、访问令牌' },
  { name: 'org', description: '组织机构：单位树、单位的设立与撤销' },
  { name: 'users', description: '账号与角色（本单位及下级）' },
  { name: 'audit', description: '审计日志：查询与哈希链校验' },
  { name: 'calendar', description: '法定工作日历：节假日与调休、工作日计算' },
  { name: 'catalog', description: '公开目录：标准目录版本、事项、单位适用目录、公开义务' },
  { name: 'publishing', description: '信息发布：起草、审核、发布、更正、撤回，附件、公开栏照片、个人信息规则' },
  { name: 'policies', description: '政策文件：文号、时效（有效、已修改、已废止、已失效）及其历史、政策解读、回应关切、须解读的分类和解读期限' },
  { name: 'offline', description: '线下公开：致村（居）民一封信、办事一本通、明白纸、广播稿的生成和打印，政务公开专区和便民服务点登记' },
  { name: 'feeds', description: '订阅源（Atom / JSON Feed），公开' },
  { name: 'webhooks', description: '推送订阅：发布、更正、撤回时通知外部系统' },
  { name: 'search', description: '公开信息检索与同义词' },
  { name: 'requests', description: '依申请公开：网上申请、登记、办理流程、期限、收费、答复、查询进度' },
  {
    name: 'interaction',
    description: '政民互动：对公开内容的询问、咨询、建议、投诉的提交与查询，审看、答复、调查核实、评价，选登、月度统计、知识清单、意见箱',
  },
  { name: 'annual-reports', description: '政府信息公开工作年度报告、行政复议和诉讼记录、文书设置' },
  { name: 'participation', description: '公众参与：征求意见（草案分条、意见、采纳情况）、问卷与群众满意度调查（一次性答题码）、村务决策记录' },
  { name: 'compliance', description: '公开督查：按时公开情况、单位明细、网站栏目检查' },
  { name: 'assessment', description: '考评：指标、评分、排名、报告' },
  { name: 'rectification', description: '整改工单' },
  { name: 'rollout', description: '推进批次与标准化检查' },
  {
    name: 'archives',
    description: '档案：归档范围和保管期限表、待归档、年度卷和档号、纸质档案、鉴定销毁、提级管理移交、集中查阅点登记、档案库房出入台账、公开栏登记与巡查',
  },
  { name: 'notifications', description: '提醒、待办、邮件设置与投递记录' },
  { name: 'backup', description: '数据备份' },
];
