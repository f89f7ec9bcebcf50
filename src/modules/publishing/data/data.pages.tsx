/** Page sections for a disclosure's structured data (public, masked content only). */
import { Fragment, type ReactElement } from 'react';
import { formatYuan, summarizeByMonth, summarizeBySubject, type FinanceStatement } from '../finance/finance-statement.ts';
import { chineseDate } from '../disclosure.content.ts';
import type { PublicAttachment } from './data.queries.ts';
import type { DisclosureData, ExtractedText, RecipientData } from './structured.ts';
import { monthChartSvg, subjectChartSvg } from './charts.ts';

const num = { textAlign: 'right' as const, whiteSpace: 'nowrap' as const };

function FinanceSection({ st, lineLink }: { st: FinanceStatement; lineLink?: LineLink }): ReactElement {
  const month = monthChartSvg(st);
  const subject = subjectChartSvg(st);
  const months = summarizeByMonth(st);
  const subjects = summarizeBySubject(st).filter((s) => s.expense > 0);
  return (
    <section aria-labelledby="finance-statement" className="panel finance">
      <h2 id="finance-statement">{`财务收支明细（${chineseDate(st.periodStart)}至${chineseDate(st.periodEnd)}）`}</h2>
      <dl className="facts">
        {(
          [
            ['期初余额', st.openingBalance],
            ['收入合计', st.totals.income],
            ['支出合计', st.totals.expense],
            ['期末余额', st.closingBalance],
          ] as const
        ).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{`${formatYuan(v)} 元`}</dd>
          </div>
        ))}
      </dl>
      <figure className="chart">
        <div dangerouslySetInnerHTML={{ __html: month.svg }} />
        <figcaption>{month.title}</figcaption>
      </figure>
      <figure className="chart">
        <div dangerouslySetInnerHTML={{ __html: subject.svg }} />
        <figcaption>{subject.title}</figcaption>
      </figure>
      <details>
        <summary>图表数据</summary>
        <table>
          <caption>各月收入与支出（元）</caption>
          <thead>
            <tr>
              <th scope="col">月份</th>
              <th scope="col">收入</th>
              <th scope="col">支出</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{`${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5))}月`}</th>
                <td style={num}>{formatYuan(m.income)}</td>
                <td style={num}>{formatYuan(m.expense)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>按科目的支出（元）</caption>
          <thead>
            <tr>
              <th scope="col">科目</th>
              <th scope="col">支出</th>
            </tr>
          </thead>
          <tbody>
            {subjects.map((s) => (
              <tr key={s.subject}>
                <th scope="row">{s.subject}</th>
                <td style={num}>{formatYuan(s.expense)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="table-scroll">
        <table className="finance-lines">
          <caption>{`收支明细（共 ${st.lines.length} 笔）`}</caption>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">凭证号</th>
              <th scope="col">摘要</th>
              <th scope="col">科目</th>
              <th scope="col">收入金额（元）</th>
              <th scope="col">支出金额（元）</th>
              {lineLink ? <th scope="col">疑问</th> : null}
            </tr>
          </thead>
          <tbody>
            {st.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.date}</td>
                <td>{l.voucherNo}</td>
                <td>{l.summary}</td>
                <td>{l.subject}</td>
                <td style={num}>{l.income ? formatYuan(l.income) : ''}</td>
                <td style={num}>{l.expense ? formatYuan(l.expense) : ''}</td>
                {lineLink ? <LineLinkCell link={lineLink('finance', i)} /> : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                合计
              </th>
              <td style={num}>{formatYuan(st.totals.income)}</td>
              <td style={num}>{formatYuan(st.totals.expense)}</td>
              {lineLink ? <td /> : null}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

const isAmount = (h: string) => /（元）|（亩）|人数/.test(h);

function RecipientSection({ d, lineLink }: { d: RecipientData; lineLink?: LineLink }): ReactElement {
  return (
    <section aria-labelledby="recipient-list" className="panel">
      <h2 id="recipient-list">{`${d.label}名单`}</h2>
      <div className="table-scroll">
        <table>
          <caption>{`共 ${d.rows.length} 条`}</caption>
          <thead>
            <tr>
              {d.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              {lineLink ? <th scope="col">疑问</th> : null}
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j} style={isAmount(d.columns[j]) ? num : undefined}>
                    {v}
                  </td>
                ))}
                {lineLink ? <LineLinkCell link={lineLink('recipients', i)} /> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A link offered on a line of a table (interaction: 对此有疑问), from publishing/disclosure.page-extensions.ts. */
export type LineLink = (kind: 'finance' | 'recipients', line: number) => { href: string; label: string } | null;

function LineLinkCell({ link }: { link: { href: string; label: string } | null }): ReactElement {
  return <td>{link ? <a href={link.href}>{link.label}</a> : null}</td>;
}

export function TablesSection({ tables, lineLink }: { tables: DisclosureData[]; lineLink?: LineLink }): ReactElement | null {
  if (!tables.length) return null;
  return (
    <>
      {tables.map((t) => (t.kind === 'finance' ? <FinanceSection key="finance" st={t.statement} lineLink={lineLink} /> : <RecipientSection key="recipients" d={t} lineLink={lineLink} />))}
    </>
  );
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentsSection({ attachments }: { attachments: PublicAttachment[] }): ReactElement | null {
  if (!attachments.length) return null;
  return (
    <section aria-labelledby="attachments" className="panel">
      <h2 id="attachments">附件</h2>
      <ul className="plain-list">
        {attachments.map((a) => (
          <li key={a.id}>
            <span>{a.name}</span>
            <span className="result-meta">{` ${a.typeText} · ${sizeText(a.size)} `}</span>
            {a.viewUrl ? <a href={a.viewUrl}>在线查看</a> : null}
            {a.downloadUrl ? (
              <>
                {' '}
                <a href={a.downloadUrl}>下载</a>
              </>
            ) : null}
            {a.note ? <span className="muted">{` （${a.note}）`}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BoardEvidence({ date }: { date: string | null }): ReactElement | null {
  if (!date) return null;
  return <p className="notice">{`已在公开栏张贴（${chineseDate(date)}拍照存证）`}</p>;
}

/** The masked text of an attachment as readable HTML (visible sheets; body, headers, footers and notes of a Word file; PDF pages). */
export function ExtractedView({ x }: { x: ExtractedText }): ReactElement {
  if (x.kind === 'pdf') {
    return (
      <div className="disclosure-body">
        {x.pages.map((p, i) => (
          <section key={i} aria-label={`第${i + 1}页`}>
            <h2 className="muted">{`第${i + 1}页`}</h2>
            {p.split('\n').filter((l) => l.trim()).map((l, j) => (
              <p key={j}>{l}</p>
            ))}
          </section>
        ))}
      </div>
    );
  }
  if (x.kind === 'docx') {
    const para = (p: string, i: number) => (
      <p key={i}>
        {p.split('\n').map((line, j) => (
          <Fragment key={j}>
            {j > 0 && <br />}
            {line}
          </Fragment>
        ))}
      </p>
    );
    return (
      <div className="disclosure-body">
        {x.paragraphs.map(para)}
        {(x.parts ?? []).map((part, k) => (
          <section key={k} aria-label={part.label}>
            <h2 className="muted">{part.label}</h2>
            {part.paragraphs.map(para)}
          </section>
        ))}
      </div>
    );
  }
  // Hidden sheets and comments are checked for personal data but not shown: the author did not show them either.
  return (
    <>
      {x.sheets.filter((s) => !s.hidden).map((s) => {
        const width = Math.max(0, ...s.rows.map((r) => r.length));
        return (
          <section key={s.name} className="table-scroll">
            <h2>{s.name}</h2>
            <table>
              <tbody>
                {s.rows.map((r, i) => (
                  <tr key={i}>
                    {Array.from({ length: width }, (_, j) => (
                      <td key={j}>{r[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
