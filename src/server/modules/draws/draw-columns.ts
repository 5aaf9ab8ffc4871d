import { getTableColumns } from 'drizzle-orm';
import { draws } from '../../db/schema-plans.ts';

/**
 * Which columns of a draw each reader selects — in one place, because two of them are big:
 * the frozen candidate lists (`strata`) and, for draws recorded before migration 0014, the
 * record that repeated them are ~20 MB of jsonb each at a million entities; reading them on
 * every GET, seed or confirmation took seconds (ADR 0009).
 */
const { strata: _strata, record: _record, ...head } = getTableColumns(draws);
const { record: _recordToo, ...inputs } = getTableColumns(draws);

/** Every page and action: all but the lists and the record (the strata as counts, `strata_counts`, stored at the freeze). */
export const drawHeadColumns = head;
export type DrawHead = Omit<typeof draws.$inferSelect, 'strata' | 'record'>;

/** The draw job, the ticket check: the frozen inputs with the lists, not the record. */
export const drawInputColumns = inputs;
export type DrawInputsRow = Omit<typeof draws.$inferSelect, 'record'>;

/** The teams (inspections, my assignments): the output and the officer pool, nothing frozen besides. */
export const drawTeamColumns = {
  id: draws.id, drawId: draws.drawId, taskId: draws.taskId, status: draws.status, output: draws.output, matching: draws.matching,
  drawnAt: draws.drawnAt, confirmWorkdays: draws.confirmWorkdays,
};
export type DrawTeamRow = Pick<typeof draws.$inferSelect, keyof typeof drawTeamColumns>;
