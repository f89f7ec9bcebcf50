/**
 * 群众满意度（问卷调查）for the assessment (考评: indicator kind `survey_satisfaction`), provided through this module's manifest (`provides.assessment`): the
 * assessment never imports participation. A unit's figure is the sum over its satisfaction surveys that ended in
 * the window (满意及基本满意份数 ÷ 有效问卷份数), each survey linked as evidence; a unit without one has none.
 */
import type { AssessmentFigureProvider, ProvidedUnitFigures } from '../../platform/provided-figures.ts';
import { satisfactionByUnit } from './survey.queries.ts';

export const SATISFACTION_NOTE =
  '群众满意度（问卷调查）：取自评价期内结束的村（居）群众满意度调查（满意及基本满意份数 ÷ 有效问卷份数）；期内没有结束的调查的单位暂无数据';

export const satisfactionProvider: AssessmentFigureProvider = {
  // 0 of 0 (no finished survey) counts as 暂无数据 in the scoring rules, never as a zero.
  kinds: { survey_satisfaction: { empty: { satisfied: 0, valid: 0 }, note: SATISFACTION_NOTE } },
  async measure(ctx, q) {
    const out = new Map<string, ProvidedUnitFigures>();
    for (const [unitCode, f] of await satisfactionByUnit(ctx, q)) {
      if (f.valid <= 0) continue;
      out.set(unitCode, {
        figures: { survey_satisfaction: { satisfied: f.satisfied, valid: f.valid } },
        evidence: {
          survey_satisfaction: f.surveys.map((v) => ({
            label: `${v.title}（${v.endOn}结束，${v.methodText}）：满意及基本满意${v.satisfied}份 ÷ 有效问卷${v.valid}份`,
            url: `/participation/surveys/${encodeURIComponent(v.id)}/results`,
          })),
        },
      });
    }
    return out;
  },
};
