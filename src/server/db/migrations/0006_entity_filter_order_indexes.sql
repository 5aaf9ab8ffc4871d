DROP INDEX "entities_risk_class_idx";--> statement-breakpoint
DROP INDEX "entities_region_idx";--> statement-breakpoint
DROP INDEX "entities_claimed_by_idx";--> statement-breakpoint
CREATE INDEX "entities_risk_class_name_idx" ON "entities" USING btree ("risk_class","name" collate "C","id");--> statement-breakpoint
CREATE INDEX "entities_region_name_idx" ON "entities" USING btree ("region_code","name" collate "C","id");--> statement-breakpoint
CREATE INDEX "entities_claimed_by_name_idx" ON "entities" USING btree ("claimed_by_department_id","name" collate "C","id");--> statement-breakpoint
CREATE INDEX "entities_unclaimed_name_idx" ON "entities" USING btree ("name" collate "C","id") WHERE "entities"."claimed_by_department_id" is null;