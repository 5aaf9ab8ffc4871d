-- Published results are immutable (DESIGN.md "Data"; ADR 0007): a correction (更正) is a new
-- version with a reason and the old one stays. Result versions and the review trail are
-- append-only; evidence and signatures cannot change, and cannot be removed once the
-- inspection has a published result.
CREATE OR REPLACE FUNCTION suiji_append_only_inspection_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (已公示的检查结果及审核记录只能追加，不能修改或删除)', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER inspection_results_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON inspection_results
  FOR EACH STATEMENT EXECUTE FUNCTION suiji_append_only_inspection_rows();
--> statement-breakpoint
CREATE TRIGGER inspection_reviews_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON inspection_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION suiji_append_only_inspection_rows();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION suiji_inspection_files_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION '% cannot be truncated (检查证据与签字不能清空)', TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION '% cannot be updated (检查证据与签字不能修改，只能删除后重新上传)', TG_TABLE_NAME;
  END IF;
  IF EXISTS (SELECT 1 FROM inspection_results r WHERE r.inspection_id = OLD.inspection_id) THEN
    RAISE EXCEPTION '% of a published inspection cannot be deleted (检查结果已公示，证据与签字不能删除)', TG_TABLE_NAME;
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_files_guard
  BEFORE UPDATE OR DELETE ON evidence_files
  FOR EACH ROW EXECUTE FUNCTION suiji_inspection_files_guard();
--> statement-breakpoint
CREATE TRIGGER evidence_files_guard_truncate
  BEFORE TRUNCATE ON evidence_files
  FOR EACH STATEMENT EXECUTE FUNCTION suiji_inspection_files_guard();
--> statement-breakpoint
CREATE TRIGGER inspection_signatures_guard
  BEFORE UPDATE OR DELETE ON inspection_signatures
  FOR EACH ROW EXECUTE FUNCTION suiji_inspection_files_guard();
--> statement-breakpoint
CREATE TRIGGER inspection_signatures_guard_truncate
  BEFORE TRUNCATE ON inspection_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION suiji_inspection_files_guard();
