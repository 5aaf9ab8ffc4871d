-- Each stratum's name, quota and count, stored at the freeze (ADR 0009): pages, seed and
-- confirmations read these instead of the candidate lists (~20 MB of jsonb at a million).
-- Existing draws are filled from their frozen lists; the guards (immutability, archives)
-- are switched off for that one statement only, as the values are derived, not changed.
ALTER TABLE "draws" ADD COLUMN "strata_counts" jsonb;
--> statement-breakpoint
ALTER TABLE "draws" DISABLE TRIGGER USER;
--> statement-breakpoint
UPDATE "draws" SET "strata_counts" = (
  SELECT coalesce(jsonb_agg(jsonb_build_object('name', e.s->'name', 'quota', e.s->'quota', 'n', jsonb_array_length(e.s->'candidates')) ORDER BY e.ord), '[]'::jsonb)
  FROM jsonb_array_elements("draws"."strata") WITH ORDINALITY AS e(s, ord)
);
--> statement-breakpoint
ALTER TABLE "draws" ENABLE TRIGGER USER;
--> statement-breakpoint
ALTER TABLE "draws" ALTER COLUMN "strata_counts" SET NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION suiji_draws_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'draws cannot be deleted (抽取记录不能删除)';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.task_id IS DISTINCT FROM OLD.task_id
     OR NEW.draw_id IS DISTINCT FROM OLD.draw_id OR NEW.attempt IS DISTINCT FROM OLD.attempt
     OR NEW.frozen_at IS DISTINCT FROM OLD.frozen_at OR NEW.freeze_date IS DISTINCT FROM OLD.freeze_date
     OR NEW.strata IS DISTINCT FROM OLD.strata OR NEW.exclusions IS DISTINCT FROM OLD.exclusions
     OR NEW.unplanned IS DISTINCT FROM OLD.unplanned OR NEW.matching IS DISTINCT FROM OLD.matching
     OR NEW.list_hashes IS DISTINCT FROM OLD.list_hashes OR NEW.strata_counts IS DISTINCT FROM OLD.strata_counts
     OR NEW.scheme IS DISTINCT FROM OLD.scheme
     OR NEW.confirm_workdays IS DISTINCT FROM OLD.confirm_workdays THEN
    RAISE EXCEPTION 'the frozen inputs of a draw cannot change (冻结的抽取输入不能修改)';
  END IF;
  IF OLD.seed IS NOT NULL AND (NEW.seed IS DISTINCT FROM OLD.seed OR NEW.seed_method IS DISTINCT FROM OLD.seed_method
     OR NEW.seed_contributions IS DISTINCT FROM OLD.seed_contributions OR NEW.witnesses IS DISTINCT FROM OLD.witnesses
     OR NEW.seeded_at IS DISTINCT FROM OLD.seeded_at) THEN
    RAISE EXCEPTION 'the seed of a draw cannot change once set (随机种子设定后不能修改)';
  END IF;
  IF OLD.status IN ('completed', 'abandoned') THEN
    RAISE EXCEPTION 'a completed or abandoned draw cannot be edited (已完成或已作废的抽取不能修改)';
  END IF;
  IF OLD.status = 'failed' AND (NEW.status <> 'abandoned' OR NEW.output IS DISTINCT FROM OLD.output
     OR NEW.record IS DISTINCT FROM OLD.record OR NEW.failure IS DISTINCT FROM OLD.failure
     OR NEW.drawn_at IS DISTINCT FROM OLD.drawn_at OR NEW.started_at IS DISTINCT FROM OLD.started_at) THEN
    RAISE EXCEPTION 'a failed draw can only be abandoned (抽取失败的记录只能作废)';
  END IF;
  RETURN NEW;
END;
$$;
