import { z } from 'zod';
import { anomalyRules } from '../domain/oversight/anomalies.ts';
import { idParamsSchema } from './common.ts';

/** 督导考核 (issue #7.3–6): indicators, anomaly flags and their review, periodic reports. */

const yearSchema = z.coerce.number().int().min(2000).max(2100);
export const statsYearQuerySchema = z.strictObject({ year: yearSchema });

const ratio = z.number().nullable();
const byRiskClass = z.object({ A: ratio, B: ratio, C: ratio, D: ratio, U: ratio });

/** The figures of one department (or the bureau) for one year; ratios null when nothing to divide by. */
export const indicatorsSchema = z.object({
  /** Facts the ratios are made of, so a reader can check them. */
  directoryEntities: z.number().int(),
  inspectedEntities: z.number().int(),
  coverageRatio: ratio,
  coverageTargetBp: z.number().int(),
  coverageMet: z.boolean().nullable(),
  planPublishedOnTime: z.boolean().nullable(),
  tasks: z.number().int(),
  jointTasks: z.number().int(),
  jointTaskShare: ratio,
  results: z.number().int(),
  publishedResults: z.number().int(),
  publishedOnTime: z.number().int(),
  publicationRate: ratio,
  onTimeRate: ratio,
  problemsFound: z.number().int(),
  problemFoundRateByClass: byRiskClass,
  followUps: z.number().int(),
  followUpsClosed: z.number().int(),
  followUpClosedRate: ratio,
  officerLoad: z.object({ officers: z.number().int(), min: z.number().int(), max: z.number().int(), mean: ratio }),
  /** Inspections per officer, busiest first. */
  officers: z.array(z.object({ key: z.string(), name: z.string(), inspections: z.number().int() })),
});
export type IndicatorsView = z.infer<typeof indicatorsSchema>;

export const statsIndicatorsSchema = z.object({
  year: z.number().int(),
  /** null for a department admin, who sees only their own department. */
  bureau: indicatorsSchema.nullable(),
  departments: z.array(z.object({ department: z.object({ id: z.string().uuid(), name: z.string() }), indicators: indicatorsSchema })),
});
export type StatsIndicators = z.infer<typeof statsIndicatorsSchema>;

export const anomalyRuleSchema = z.enum(anomalyRules);

export const anomalyFlagSchema = z.object({
  /** Stable: a hash of the rule and the records it names, UUID-shaped. */
  id: z.string().uuid(),
  rule: anomalyRuleSchema,
  label: z.string(),
  detail: z.string(),
  records: z.array(z.object({
    inspectionId: z.string().uuid(),
    objectKey: z.string(),
    entityName: z.string(),
    departmentName: z.string(),
    taskCode: z.string(),
  })),
  review: z.object({ note: z.string(), reviewerName: z.string(), reviewedAt: z.string() }).nullable(),
});
export type AnomalyFlagView = z.infer<typeof anomalyFlagSchema>;

export const anomalyListSchema = z.object({
  year: z.number().int(),
  total: z.number().int(),
  unreviewed: z.number().int(),
  items: z.array(anomalyFlagSchema),
});

export const anomalyReviewParamsSchema = idParamsSchema;
export const anomalyReviewBodySchema = z.strictObject({
  year: yearSchema,
  note: z.string().trim().min(1, '请填写核查说明').max(2000),
});

/** 2024 (year), 2024-Q3 (quarter) or 2024-09 (month). */
export const reportPeriodSchema = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '统计期格式应为 2024、2024-Q3 或 2024-09');
export const reportQuerySchema = z.strictObject({ period: reportPeriodSchema });

export const periodFiguresSchema = z.object({
  tasksStarted: z.number().int(),
  jointTasksStarted: z.number().int(),
  resultsPublished: z.number().int(),
  resultsPublishedOnTime: z.number().int(),
  entitiesInspected: z.number().int(),
  problemsFound: z.number().int(),
  followUpsOpened: z.number().int(),
});
export type PeriodFigures = z.infer<typeof periodFiguresSchema>;

/** 信息报送: the figures of a period for upper-level systems; dates are China civil dates, inclusive. */
export const statsReportSchema = z.object({
  standard: z.literal('suiji-stats-v1'),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  bureau: periodFiguresSchema,
  departments: z.array(z.object({ department: z.object({ id: z.string().uuid(), name: z.string() }), figures: periodFiguresSchema })),
  callbacks: z.object({ total: z.number().int(), concerns: z.number().int(), satisfactionRate: ratio }),
});
export type StatsReport = z.infer<typeof statsReportSchema>;
