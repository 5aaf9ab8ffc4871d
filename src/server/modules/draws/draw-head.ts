import { getTableColumns } from 'drizzle-orm';
import { draws } from '../../db/schema-plans.ts';
const { strata: _strata, record: _record, ...lean } = getTableColumns(draws);

/**
 * The columns of a draw every page and action needs — everything but the frozen candidate
 * lists and the record that repeats them, which at a million entities are ~20 MB of jsonb
 * each: reading them on every GET, seed or confirmation took seconds. The strata come as
 * counts (`strata_counts`, stored at the freeze). Only the job, the ticket check, 一企一表
 * and the record download read the candidates (findDrawInputs, the record queries).
 */
export const drawHeadColumns = lean;

export type DrawHead = Omit<typeof draws.$inferSelect, 'strata' | 'record'>;
