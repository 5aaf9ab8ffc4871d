CREATE TABLE "follow_up_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "follow_up_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"follow_up_id" uuid NOT NULL,
	"type" text NOT NULL,
	"on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_events_type_check" CHECK ("follow_up_events"."type" in ('created', 'measure', 'progress', 'transfer', 'close'))
);
--> statement-breakpoint
DROP INDEX "follow_ups_inspection_key";--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "measure" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "measure_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "owner_department_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "transfer_kind" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "transfer_department_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "transfer_body" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "transfer_document_no" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "transfer_document_date" date;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "follow_up_events" ADD CONSTRAINT "follow_up_events_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_events" ADD CONSTRAINT "follow_up_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_events_follow_up_idx" ON "follow_up_events" USING btree ("follow_up_id","seq");--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_owner_department_id_departments_id_fk" FOREIGN KEY ("owner_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_transfer_department_id_departments_id_fk" FOREIGN KEY ("transfer_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_ups_inspection_idx" ON "follow_ups" USING btree ("inspection_id","created_at");--> statement-breakpoint
CREATE INDEX "follow_ups_owner_idx" ON "follow_ups" USING btree ("owner_department_id","status");--> statement-breakpoint
CREATE INDEX "follow_ups_transfer_department_idx" ON "follow_ups" USING btree ("transfer_department_id");--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_status_check" CHECK ("follow_ups"."status" in ('open', 'in_progress', 'closed'));--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_measure_check" CHECK ("follow_ups"."measure" is null or "follow_ups"."measure" in ('order_correction', 'transfer_case', 'notify_department', 'hand_to_daily_supervision', 'other'));--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_transfer_check" CHECK (("follow_ups"."transfer_kind" is null and "follow_ups"."transfer_department_id" is null and "follow_ups"."transfer_body" is null)
    or ("follow_ups"."transfer_kind" = 'department' and "follow_ups"."transfer_department_id" is not null)
    or ("follow_ups"."transfer_kind" = 'external' and "follow_ups"."transfer_body" is not null and "follow_ups"."transfer_document_no" is not null and "follow_ups"."transfer_document_date" is not null));--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_closed_check" CHECK (("follow_ups"."status" = 'closed') = ("follow_ups"."closed_on" is not null and "follow_ups"."outcome" is not null));--> statement-breakpoint
-- Follow-ups opened before this migration belong to their task's organising department.
UPDATE "follow_ups" f SET "owner_department_id" = t."organizer_department_id"
  FROM "inspections" i JOIN "tasks" t ON t."id" = i."task_id"
  WHERE i."id" = f."inspection_id" AND f."owner_department_id" IS NULL;
--> statement-breakpoint
-- The follow-up timeline is the record of what was done (全程留痕): append-only.
CREATE OR REPLACE FUNCTION suiji_append_only_follow_up_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (后续处置记录只能追加，不能修改或删除)', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER follow_up_events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON follow_up_events
  FOR EACH STATEMENT EXECUTE FUNCTION suiji_append_only_follow_up_events();
