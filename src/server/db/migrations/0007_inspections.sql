CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_kind_check" CHECK ("evidence_files"."kind" in ('jpeg', 'png', 'webp', 'pdf')),
	CONSTRAINT "evidence_files_size_check" CHECK ("evidence_files"."size" > 0 and "evidence_files"."size" = octet_length("evidence_files"."content"))
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"object_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_answers" (
	"inspection_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"guideline_version" integer,
	"checkpoint_code" text NOT NULL,
	"answer" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_answers_inspection_id_item_id_checkpoint_code_pk" PRIMARY KEY("inspection_id","item_id","checkpoint_code"),
	CONSTRAINT "inspection_answers_answer_check" CHECK ("inspection_answers"."answer" in ('yes', 'no', 'not_checked', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"inspection_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"object_key" text NOT NULL,
	"codes" text[] NOT NULL,
	"findings" text NOT NULL,
	"remarks" text NOT NULL,
	"item_results" jsonb NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date NOT NULL,
	"verification_methods" text[] NOT NULL,
	"deadline" date NOT NULL,
	"deadline_provisional" boolean NOT NULL,
	"published_on" date NOT NULL,
	"reason" text,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_results_inspection_id_version_pk" PRIMARY KEY("inspection_id","version"),
	CONSTRAINT "inspection_results_reason_check" CHECK ("inspection_results"."version" = 1 or "inspection_results"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "inspection_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "inspection_reviews_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"inspection_id" uuid NOT NULL,
	"action" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_reviews_action_check" CHECK ("inspection_reviews"."action" in ('submitted', 'approved', 'returned', 'published', 'corrected'))
);
--> statement-breakpoint
CREATE TABLE "inspection_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"signer" text NOT NULL,
	"officer_key" text DEFAULT '' NOT NULL,
	"signer_name" text NOT NULL,
	"image" "bytea",
	"sha256" char(64) NOT NULL,
	"evidence_id" uuid,
	"signed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_signatures_signer_check" CHECK ("inspection_signatures"."signer" in ('officer', 'representative', 'paper_form')),
	CONSTRAINT "inspection_signatures_source_check" CHECK (("inspection_signatures"."signer" = 'paper_form') = ("inspection_signatures"."evidence_id" is not null) and ("inspection_signatures"."image" is null) = ("inspection_signatures"."evidence_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draw_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"object_key" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"checklist" jsonb NOT NULL,
	"started_on" date,
	"ended_on" date,
	"verification_methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"remarks" text DEFAULT '' NOT NULL,
	"published_version" integer DEFAULT 0 NOT NULL,
	"draft_saved_at" timestamp with time zone,
	"draft_saved_by" uuid,
	"submitted_at" timestamp with time zone,
	"first_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_status_check" CHECK ("inspections"."status" in ('draft', 'submitted', 'returned', 'approved', 'published')),
	CONSTRAINT "inspections_dates_check" CHECK ("inspections"."started_on" is null or "inspections"."ended_on" is null or "inspections"."started_on" <= "inspections"."ended_on")
);
--> statement-breakpoint
CREATE TABLE "callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_id" uuid NOT NULL,
	"task_id" uuid,
	"called_on" date NOT NULL,
	"channel" text NOT NULL,
	"contact_person" text DEFAULT '' NOT NULL,
	"announced_in_advance" boolean NOT NULL,
	"certificates_shown" boolean NOT NULL,
	"improper_requests" boolean NOT NULL,
	"satisfaction" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "callbacks_channel_check" CHECK ("callbacks"."channel" in ('phone', 'visit', 'sms', 'online', 'other')),
	CONSTRAINT "callbacks_satisfaction_check" CHECK ("callbacks"."satisfaction" in ('satisfied', 'basically_satisfied', 'dissatisfied'))
);
--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_answers" ADD CONSTRAINT "inspection_answers_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_reviews" ADD CONSTRAINT "inspection_reviews_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_reviews" ADD CONSTRAINT "inspection_reviews_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_evidence_id_evidence_files_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_draft_saved_by_users_id_fk" FOREIGN KEY ("draft_saved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_files_inspection_idx" ON "evidence_files" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_inspection_key" ON "follow_ups" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "follow_ups_object_idx" ON "follow_ups" USING btree ("object_key");--> statement-breakpoint
CREATE INDEX "inspection_results_object_idx" ON "inspection_results" USING btree ("object_key");--> statement-breakpoint
CREATE INDEX "inspection_reviews_inspection_idx" ON "inspection_reviews" USING btree ("inspection_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_signatures_signer_key" ON "inspection_signatures" USING btree ("inspection_id","signer","officer_key");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_draw_object_key" ON "inspections" USING btree ("draw_id","object_key");--> statement-breakpoint
CREATE INDEX "inspections_object_idx" ON "inspections" USING btree ("object_key");--> statement-breakpoint
CREATE INDEX "inspections_task_idx" ON "inspections" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "inspections_status_idx" ON "inspections" USING btree ("status");--> statement-breakpoint
CREATE INDEX "callbacks_called_on_idx" ON "callbacks" USING btree ("called_on");--> statement-breakpoint
CREATE INDEX "callbacks_entity_idx" ON "callbacks" USING btree ("entity_id");