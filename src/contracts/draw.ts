import { z } from 'zod';
import type {
  DrawInput as DomainDrawInput,
  DrawOutput as DomainDrawOutput,
  DrawRecord as DomainDrawRecord,
} from '../domain/draw/types.ts';

/*
 * The documents of the public draw standard (spec/draw.md; docs/specs/draw.md):
 *  - the computation input  {drawId, seed, strata, matching?}          (spec §6)
 *  - the computation output {strata, order, assignments}               (spec §6)
 *  - the published draw record = input + metadata + {output}           (spec §5)
 * Every object is strict: an unknown field is rejected, never ignored. Shapes are checked here;
 * the rules of the standard (seed digits, quotas, duplicate keys, team sizes …) are checked by
 * the domain (src/domain/draw/validate.ts) and give typed errors with a code.
 */

export const quotaRuleSchema = z.union(
  [z.strictObject({ count: z.number() }), z.strictObject({ ratioBp: z.number() })],
  { error: 'quota must be {"count": c} or {"ratioBp": r} (exactly one of them)' },
);

export const stratumInputSchema = z.strictObject({
  name: z.string(),
  quota: quotaRuleSchema,
  candidates: z.array(z.string()),
});

export const officerInputSchema = z.strictObject({
  key: z.string(),
  department: z.string(),
  tags: z.array(z.string()),
});

export const matchingInputSchema = z.strictObject({
  teamSize: z.number(),
  officers: z.array(officerInputSchema),
  requiredDepartments: z.array(z.string()),
  requiredTags: z.array(z.string()),
  /** [officerKey, objectKey] */
  recusals: z.array(z.tuple([z.string(), z.string()])),
});

export const drawInputSchema = z.strictObject({
  drawId: z.string(),
  seed: z.string(),
  strata: z.array(stratumInputSchema),
  matching: matchingInputSchema.optional(),
});

export const stratumOutputSchema = z.strictObject({
  name: z.string(),
  n: z.number(),
  quota: z.number(),
  listHash: z.string(),
  selected: z.array(z.string()),
  cutoffTicket: z.string().nullable(),
});

export const assignmentSchema = z.strictObject({
  object: z.string(),
  officers: z.array(z.string()),
});

export const drawOutputSchema = z.strictObject({
  strata: z.array(stratumOutputSchema),
  order: z.array(z.string()),
  assignments: z.array(assignmentSchema).nullable(),
});

export const seedMethodSchema = z.enum(['dice', 'departments', 'system']);

export const drawRecordSchema = z.strictObject({
  standard: z.literal('suiji-draw-v1'),
  drawId: z.string(),
  seed: z.string(),
  /** dice: 掷骰子; departments: 各部门提供数字; system: 系统生成 (weaker). */
  seedMethod: seedMethodSchema,
  seedContributions: z.array(z.strictObject({ department: z.string(), digits: z.string() })).optional(),
  witnesses: z.array(z.string()),
  frozenAt: z.iso.datetime({ offset: true }),
  drawnAt: z.iso.datetime({ offset: true }),
  strata: z.array(stratumInputSchema),
  exclusions: z.array(z.strictObject({ stratum: z.string(), reason: z.string(), count: z.number().int().min(0) })),
  matching: matchingInputSchema.optional(),
  output: drawOutputSchema,
});

export type DrawInput = z.infer<typeof drawInputSchema>;
export type DrawOutput = z.infer<typeof drawOutputSchema>;
export type DrawRecord = z.infer<typeof drawRecordSchema>;

// The schemas describe exactly the domain's types: a change on one side fails type checking.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const drawContractTypesMatch: [Same<DrawInput, DomainDrawInput>, Same<DrawOutput, DomainDrawOutput>, Same<DrawRecord, DomainDrawRecord>] = [true, true, true];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** `strata[0].quota: …` — one line per schema issue, with the path of the field. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join('');
    const message =
      issue.code === 'unrecognized_keys'
        ? `未知字段 (unknown field${issue.keys.length > 1 ? 's' : ''}) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
        : issue.message;
    return `${path || '(document)'}: ${message}`;
  });
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown): ParseResult<T> {
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: formatIssues(parsed.error) };
}

export const parseDrawInput = (json: unknown): ParseResult<DrawInput> => parseWith(drawInputSchema, json);
export const parseDrawOutput = (json: unknown): ParseResult<DrawOutput> => parseWith(drawOutputSchema, json);
export const parseDrawRecord = (json: unknown): ParseResult<DrawRecord> => parseWith(drawRecordSchema, json);
