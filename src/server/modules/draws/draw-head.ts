import { getTableColumns, sql } from 'drizzle-orm';
import { draws } from '../../db/schema-plans.ts';
import type { QuotaRule } from '../../../domain/draw/types.ts';

/** A stratum as the pages and the announcement show it: its count, not its candidates. */
export interface StratumCount {
  name: string;
  quota: QuotaRule;
  n: number;
}

const { strata: _strata, record: _record, ...lean } = getTableColumns(draws);

/**
 * The columns of a draw every page and action needs — everything but the frozen candidate
 * lists and the record that repeats them, which at a million entities are ~20 MB of jsonb
 * each: reading them on every GET, seed or confirmation took seconds. The strata come as
 * counts, computed by the database. Only the job, the ticket check, 一企一表 and the record
 * download read the candidates (findDrawInputs, the record queries).
 */
export const drawHeadColumns = {
  ...lean,
  strataCounts: sql<StratumCount[]>`(select coalesce(jsonb_agg(jsonb_build_object('name', e.s->'name', 'quota', e.s->'quota',
      'n', jsonb_array_length(e.s->'candidates')) order by e.ord), '[]'::jsonb)
    from jsonb_array_elements(${draws.strata}) with ordinality as e(s, ord))`.as('strata_counts'),
};

export type DrawHead = Omit<typeof draws.$inferSelect, 'strata' | 'record'> & { strataCounts: StratumCount[] };
