CREATE TABLE "task_archives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"draw_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"manifest_sha256" char(64) NOT NULL,
	"zip_sha256" char(64) NOT NULL,
	"file_count" integer NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_archives" ADD CONSTRAINT "task_archives_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_archives" ADD CONSTRAINT "task_archives_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_archives" ADD CONSTRAINT "task_archives_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_archives_task_key" ON "task_archives" USING btree ("task_id");--> statement-breakpoint
-- An archive (归档) is the task's final record: never changed, never removed.
CREATE OR REPLACE FUNCTION suiji_task_archives_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'task_archives is append-only (归档一经生成不能修改或删除)';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER task_archives_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON task_archives
  FOR EACH STATEMENT EXECUTE FUNCTION suiji_task_archives_append_only();
--> statement-breakpoint
-- Archived tasks are read-only (issue #7): the services refuse first with a Chinese 409; this
-- guard makes sure no other path (a script, a forgotten route) changes what the archive holds.
-- TG_ARGV[0] says how a row finds its task: 'task' (the row is the task), 'task_id',
-- 'draw' (through draw_id) or 'inspection' (through inspection_id).
CREATE OR REPLACE FUNCTION suiji_archived_task_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  v_task uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_ARGV[0] = 'task' THEN
    v_task := r.id;
  ELSIF TG_ARGV[0] = 'task_id' THEN
    v_task := r.task_id;
  ELSIF TG_ARGV[0] = 'draw' THEN
    SELECT d.task_id INTO v_task FROM draws d WHERE d.id = r.draw_id;
  ELSE
    SELECT i.task_id INTO v_task FROM inspections i WHERE i.id = r.inspection_id;
  END IF;
  IF v_task IS NOT NULL AND EXISTS (SELECT 1 FROM task_archives a WHERE a.task_id = v_task) THEN
    RAISE EXCEPTION '% of an archived task cannot be changed (抽查任务已归档，只读)', TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_archived_guard BEFORE UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('task');
--> statement-breakpoint
CREATE TRIGGER draws_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON draws FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('task_id');
--> statement-breakpoint
CREATE TRIGGER inspections_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON inspections FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('task_id');
--> statement-breakpoint
CREATE TRIGGER draw_replacements_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON draw_replacements FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('draw');
--> statement-breakpoint
CREATE TRIGGER draw_confirmations_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON draw_confirmations FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('draw');
--> statement-breakpoint
CREATE TRIGGER inspection_answers_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON inspection_answers FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('inspection');
--> statement-breakpoint
CREATE TRIGGER evidence_files_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON evidence_files FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('inspection');
--> statement-breakpoint
CREATE TRIGGER inspection_signatures_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON inspection_signatures FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('inspection');
--> statement-breakpoint
CREATE TRIGGER inspection_reviews_archived_guard BEFORE INSERT ON inspection_reviews FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('inspection');
--> statement-breakpoint
CREATE TRIGGER inspection_results_archived_guard BEFORE INSERT ON inspection_results FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('inspection');
--> statement-breakpoint
CREATE TRIGGER follow_ups_archived_guard BEFORE INSERT OR UPDATE OR DELETE ON follow_ups FOR EACH ROW EXECUTE FUNCTION suiji_archived_task_guard('inspection');
