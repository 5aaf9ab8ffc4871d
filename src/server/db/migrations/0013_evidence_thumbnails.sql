-- Thumbnails of photo evidence (ADR 0007): derived data in a table of its own, since evidence_files
-- rows are never updated. Deleting evidence (allowed only before publication) takes its thumbnail along.
CREATE TABLE "evidence_thumbnails" (
	"evidence_id" uuid PRIMARY KEY NOT NULL,
	"mime" text,
	"width" integer,
	"height" integer,
	"content" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_thumbnails_made_check" CHECK (("evidence_thumbnails"."content" is null) = ("evidence_thumbnails"."mime" is null) and ("evidence_thumbnails"."content" is null) = ("evidence_thumbnails"."width" is null) and ("evidence_thumbnails"."content" is null) = ("evidence_thumbnails"."height" is null))
);
--> statement-breakpoint
ALTER TABLE "evidence_thumbnails" ADD CONSTRAINT "evidence_thumbnails_evidence_id_evidence_files_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_files"("id") ON DELETE cascade ON UPDATE no action;