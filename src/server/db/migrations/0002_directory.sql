CREATE TABLE "entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"uscc" char(18),
	"registration_number" text,
	"object_kind" text,
	"name" text NOT NULL,
	"legal_representative" text,
	"address" text,
	"region_code" char(6),
	"contact_name" text,
	"contact_phone" text,
	"industry" text,
	"focus_areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_since" date,
	"founded_on" date,
	"risk_class" char(1) DEFAULT 'U' NOT NULL,
	"owner_key" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"claimed_by_department_id" uuid,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entities_kind_check" CHECK ("entities"."kind" in ('subject', 'object')),
	CONSTRAINT "entities_status_check" CHECK ("entities"."status" in ('active', 'suspended', 'deregistered', 'revoked', 'moved_out', 'closed')),
	CONSTRAINT "entities_risk_class_check" CHECK ("entities"."risk_class" in ('A', 'B', 'C', 'D', 'U'))
);
--> statement-breakpoint
CREATE TABLE "guideline_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" text NOT NULL,
	"method" text NOT NULL,
	"basis" text NOT NULL,
	"checkpoints" jsonb NOT NULL,
	"reason" text,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" char(64) NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"accepted_rows" integer DEFAULT 0 NOT NULL,
	"rejected_rows" integer DEFAULT 0 NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"error" text,
	"department_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_status_check" CHECK ("import_jobs"."status" in ('validating', 'preview', 'committing', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"job_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"accepted" boolean NOT NULL,
	"data" jsonb NOT NULL,
	"raw" jsonb NOT NULL,
	"issues" jsonb NOT NULL,
	CONSTRAINT "import_rows_job_id_row_no_pk" PRIMARY KEY("job_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "item_versions" (
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"reason" text,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_versions_item_id_version_pk" PRIMARY KEY("item_id","version")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"category" text NOT NULL,
	"group_name" text NOT NULL,
	"name" text NOT NULL,
	"legal_basis" text NOT NULL,
	"responsible_department_id" uuid,
	"supervision_level" text NOT NULL,
	"object_type" text NOT NULL,
	"content" text NOT NULL,
	"methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"default_ratio_bp" integer,
	"frequency" text,
	"required_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"remarks" text,
	"source" text DEFAULT 'own' NOT NULL,
	"claimed_by_department_id" uuid,
	"claimed_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"retired_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_category_check" CHECK ("items"."category" in ('key', 'general')),
	CONSTRAINT "items_status_check" CHECK ("items"."status" in ('active', 'retired')),
	CONSTRAINT "items_level_check" CHECK ("items"."supervision_level" in ('province', 'city', 'county')),
	CONSTRAINT "items_source_check" CHECK ("items"."source" in ('own', 'upper')),
	CONSTRAINT "items_retired_reason_check" CHECK ("items"."status" <> 'retired' or "items"."retired_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "officer_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"certificate_no" text,
	"certificate_type" text,
	"valid_from" date,
	"valid_to" date,
	"name" text NOT NULL,
	"gender" text,
	"title" text,
	"department_id" uuid NOT NULL,
	"user_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"category" text DEFAULT 'officer' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"leave_from" date,
	"leave_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "officers_category_check" CHECK ("officers"."category" in ('officer', 'expert')),
	CONSTRAINT "officers_status_check" CHECK ("officers"."status" in ('active', 'suspended', 'on_leave'))
);
--> statement-breakpoint
CREATE TABLE "risk_snapshots" (
	"entity_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"risk_class" char(1) NOT NULL,
	"import_job_id" uuid,
	CONSTRAINT "risk_snapshots_entity_id_effective_from_pk" PRIMARY KEY("entity_id","effective_from"),
	CONSTRAINT "risk_snapshots_class_check" CHECK ("risk_snapshots"."risk_class" in ('A', 'B', 'C', 'D', 'U'))
);
--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_claimed_by_department_id_departments_id_fk" FOREIGN KEY ("claimed_by_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guideline_versions" ADD CONSTRAINT "guideline_versions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guideline_versions" ADD CONSTRAINT "guideline_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_versions" ADD CONSTRAINT "item_versions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_versions" ADD CONSTRAINT "item_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_responsible_department_id_departments_id_fk" FOREIGN KEY ("responsible_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_claimed_by_department_id_departments_id_fk" FOREIGN KEY ("claimed_by_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_conflicts" ADD CONSTRAINT "officer_conflicts_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_conflicts" ADD CONSTRAINT "officer_conflicts_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_snapshots" ADD CONSTRAINT "risk_snapshots_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entities_key_key" ON "entities" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_uscc_key" ON "entities" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "entities_name_prefix_idx" ON "entities" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entities_kind_industry_idx" ON "entities" USING btree ("kind","industry");--> statement-breakpoint
CREATE INDEX "entities_risk_class_idx" ON "entities" USING btree ("risk_class");--> statement-breakpoint
CREATE INDEX "entities_status_idx" ON "entities" USING btree ("status");--> statement-breakpoint
CREATE INDEX "entities_region_idx" ON "entities" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "entities_claimed_by_idx" ON "entities" USING btree ("claimed_by_department_id");--> statement-breakpoint
CREATE INDEX "entities_focus_areas_idx" ON "entities" USING gin ("focus_areas");--> statement-breakpoint
CREATE INDEX "entities_tags_idx" ON "entities" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "guideline_versions_item_version_key" ON "guideline_versions" USING btree ("item_id","version");--> statement-breakpoint
CREATE INDEX "import_jobs_created_idx" ON "import_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "items_code_key" ON "items" USING btree ("code");--> statement-breakpoint
CREATE INDEX "items_claimed_by_idx" ON "items" USING btree ("claimed_by_department_id");--> statement-breakpoint
CREATE INDEX "officer_conflicts_officer_idx" ON "officer_conflicts" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "officer_conflicts_entity_idx" ON "officer_conflicts" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "officers_key_key" ON "officers" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "officers_certificate_no_key" ON "officers" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "officers_department_idx" ON "officers" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "officers_tags_idx" ON "officers" USING gin ("tags");