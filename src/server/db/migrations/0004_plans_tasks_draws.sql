CREATE TABLE "draw_confirmations" (
	"draw_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draw_confirmations_draw_id_department_id_pk" PRIMARY KEY("draw_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "draw_replacements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draw_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"object_key" text NOT NULL,
	"replaced_officer_key" text NOT NULL,
	"replacement_officer_key" text NOT NULL,
	"slot" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"draw_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"freeze_date" date NOT NULL,
	"strata" jsonb NOT NULL,
	"exclusions" jsonb NOT NULL,
	"unplanned" jsonb NOT NULL,
	"matching" jsonb NOT NULL,
	"list_hashes" jsonb NOT NULL,
	"scheme" jsonb NOT NULL,
	"confirm_workdays" integer NOT NULL,
	"seed" text,
	"seed_method" text,
	"seed_contributions" jsonb,
	"witnesses" text[],
	"seeded_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	"output" jsonb,
	"record" jsonb,
	"failure" jsonb,
	"abandoned_at" timestamp with time zone,
	"abandon_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draws_status_check" CHECK ("draws"."status" in ('frozen', 'seeded', 'running', 'completed', 'failed', 'abandoned')),
	CONSTRAINT "draws_seed_method_check" CHECK ("draws"."seed_method" is null or "draws"."seed_method" in ('dice', 'departments', 'system'))
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"lines" jsonb NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version"),
	CONSTRAINT "plan_versions_status_check" CHECK ("plan_versions"."status" in ('draft', 'submitted', 'approved', 'published', 'superseded')),
	CONSTRAINT "plan_versions_reason_check" CHECK ("plan_versions"."version" = 1 or "plan_versions"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"plan_id" uuid,
	"organizer_department_id" uuid NOT NULL,
	"participating_department_ids" uuid[] NOT NULL,
	"item_ids" uuid[] NOT NULL,
	"scope" jsonb NOT NULL,
	"strata_plan" jsonb NOT NULL,
	"exclusion_rules" jsonb NOT NULL,
	"team_rules" jsonb NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_source_check" CHECK ("tasks"."source" in ('plan', 'ad_hoc')),
	CONSTRAINT "tasks_status_check" CHECK ("tasks"."status" in ('draft', 'frozen', 'drawn'))
);
--> statement-breakpoint
ALTER TABLE "draw_confirmations" ADD CONSTRAINT "draw_confirmations_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_confirmations" ADD CONSTRAINT "draw_confirmations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_confirmations" ADD CONSTRAINT "draw_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_replacements" ADD CONSTRAINT "draw_replacements_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_replacements" ADD CONSTRAINT "draw_replacements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organizer_department_id_departments_id_fk" FOREIGN KEY ("organizer_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "draw_replacements_draw_seq_key" ON "draw_replacements" USING btree ("draw_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "draws_draw_id_key" ON "draws" USING btree ("draw_id");--> statement-breakpoint
CREATE UNIQUE INDEX "draws_task_attempt_key" ON "draws" USING btree ("task_id","attempt");--> statement-breakpoint
CREATE INDEX "plan_versions_status_idx" ON "plan_versions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_department_year_key" ON "plans" USING btree ("department_id","year");--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_code_key" ON "tasks" USING btree ("code");--> statement-breakpoint
CREATE INDEX "tasks_plan_idx" ON "tasks" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "tasks_organizer_idx" ON "tasks" USING btree ("organizer_department_id");