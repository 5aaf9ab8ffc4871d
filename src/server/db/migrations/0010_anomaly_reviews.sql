CREATE TABLE "anomaly_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"flag_id" text NOT NULL,
	"rule" text NOT NULL,
	"year" integer NOT NULL,
	"note" text NOT NULL,
	"reviewed_by" uuid,
	"reviewer_name" text NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "anomaly_reviews" ADD CONSTRAINT "anomaly_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anomaly_reviews_flag_idx" ON "anomaly_reviews" USING btree ("flag_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "anomaly_reviews_year_idx" ON "anomaly_reviews" USING btree ("year");