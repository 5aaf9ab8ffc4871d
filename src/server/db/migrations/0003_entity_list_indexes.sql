DROP INDEX "entities_name_prefix_idx";--> statement-breakpoint
CREATE INDEX "entities_name_order_idx" ON "entities" USING btree ("name" collate "C","id");--> statement-breakpoint
CREATE INDEX "entities_registration_number_idx" ON "entities" USING btree ("registration_number");--> statement-breakpoint
CREATE INDEX "entities_owner_key_idx" ON "entities" USING btree ("owner_key");