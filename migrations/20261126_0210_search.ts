import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Full-text search over public, masked documents (src/platform/search/README.md).
//
// The plain columns are identical on both databases (text/integer only). The full-text structure
// differs: SQLite gets an FTS5 table over pre-segmented text, PostgreSQL a weighted `tsv tsvector`
// column with a GIN index. The dialect is read from the executor's adapter rather than by probing
// `select sqlite_version()`: on PostgreSQL the migrator runs inside a transaction, and a failed
// probe statement would abort that transaction.
//
// The synonym groups are seeded here, once, rather than on every start: administrators edit and
// delete them afterwards, and a start-up seed would bring deleted groups back.

const SEEDED_AT = '2026-11-26T00:00:00.000Z';

/** Official ↔ everyday wording that residents and officials actually use for the same thing. */
const SYNONYM_GROUPS: { terms: string[]; note: string }[] = [
  { terms: ['低保', '最低生活保障', '低保户', '低保对象', '低保金'], note: '城乡最低生活保障' },
  { terms: ['五保', '特困供养', '特困人员', '五保户', '特困人员救助供养'], note: '农村五保供养已并入特困人员救助供养' },
  { terms: ['医保', '医疗保障', '医疗保险'], note: '基本医疗保障' },
  { terms: ['新农合', '城乡居民医保', '城乡居民基本医疗保险', '农村合作医疗'], note: '新型农村合作医疗已并入城乡居民基本医疗保险' },
  { terms: ['养老金', '养老保险', '基本养老金', '城乡居民养老保险'], note: '城乡居民基本养老保险' },
  { terms: ['危房改造', '农村危房改造', '危房'], note: '农村危房改造' },
  { terms: ['残补', '残疾人两项补贴', '困难残疾人生活补贴', '重度残疾人护理补贴'], note: '残疾人两项补贴' },
  { terms: ['村账', '财务公开', '财务收支', '村级财务'], note: '村级财务公开' },
  { terms: ['宅基地', '宅基地审批', '建房审批', '农村建房', '盖房'], note: '农村宅基地和建房审批' },
  { terms: ['征地', '土地征收', '征地补偿', '拆迁补偿'], note: '土地征收及补偿' },
  { terms: ['临时救助', '急难救助', '临时救济'], note: '临时救助' },
  { terms: ['高龄津贴', '高龄补贴', '尊老金', '老年人补贴'], note: '80 周岁以上老年人高龄津贴' },
  { terms: ['种粮补贴', '耕地地力保护补贴', '农业补贴', '地力补贴'], note: '耕地地力保护补贴（原种粮直补等三项补贴合并）' },
  { terms: ['惠农补贴', '惠民惠农补贴', '一卡通', '惠民惠农财政补贴资金'], note: '惠民惠农财政补贴资金“一卡通”发放' },
  { terms: ['一事一议', '村民一事一议', '一事一议筹资筹劳'], note: '村民一事一议筹资筹劳' },
  { terms: ['三资', '集体三资', '农村集体资金资产资源'], note: '农村集体“三资”管理' },
  { terms: ['信息公开申请', '依申请公开', '政府信息公开申请'], note: '依申请公开政府信息' },
  { terms: ['村务公开', '村务公示', '村务公开栏'], note: '村务公开' },
  { terms: ['政务公开', '政府信息公开', '信息公开'], note: '政务公开' },
  { terms: ['孤儿补贴', '孤儿基本生活费', '事实无人抚养儿童', '困境儿童'], note: '孤儿和事实无人抚养儿童基本生活保障' },
  { terms: ['大病救助', '医疗救助', '大病医疗救助'], note: '医疗救助' },
  { terms: ['退役军人', '复员军人', '退伍军人', '优抚对象'], note: '退役军人优待抚恤' },
  { terms: ['防返贫', '防止返贫', '返贫监测', '防止返贫动态监测'], note: '防止返贫动态监测和帮扶' },
  { terms: ['厕所改造', '改厕', '农村户厕改造'], note: '农村户厕改造' },
  { terms: ['春节', '过年', '新春'], note: '春节' },
  { terms: ['公示期', '公示时间', '异议期'], note: '公示期' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('search_documents')
    // `<source>:<id>`, e.g. `disclosure:…`: the feeding module owns the id space before the colon.
    .addColumn('doc_id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_pinyin', 'text', (c) => c.notNull())
    .addColumn('unit_initials', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('category', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_pinyin', 'text', (c) => c.notNull())
    .addColumn('title_initials', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_documents_unit_path_idx').on('search_documents').column('unit_path').execute();
  await db.schema.createIndex('search_documents_published_idx').on('search_documents').column('published_at').execute();

  if (isSqlite) {
    // Text arrives pre-segmented (space-separated jieba tokens, bigrams and pinyin keys), so
    // unicode61 only has to split on spaces. A regular (content-storing) FTS5 table rather than an
    // external-content one: search_documents has no INTEGER PRIMARY KEY, so its rowids are not
    // stable across VACUUM, and external content needs stable rowids.
    await sql`create virtual table search_fts using fts5(title, pinyin, unit, body, doc_id unindexed, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    // Term statistics for "did you mean" suggestions on zero results.
    await sql`create virtual table search_fts_vocab using fts5vocab(search_fts, 'row')`.execute(db);
  } else {
    await sql`alter table search_documents add column tsv tsvector not null default ''::tsvector`.execute(db);
    await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(db);
  }

  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terms_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await (db as Kysely<{ search_synonyms: { id: string; terms_json: string; note: string | null; updated_at: string; updated_by: string | null } }>)
    .insertInto('search_synonyms')
    .values(
      SYNONYM_GROUPS.map((g, i) => ({
        id: `seed-${String(i + 1).padStart(2, '0')}`,
        terms_json: JSON.stringify(g.terms),
        note: g.note,
        updated_at: SEEDED_AT,
        updated_by: 'seed',
      })),
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
