-- The audit log is append-only: the application never updates or deletes its rows.
-- (The table owner can still disable this trigger; the hash chain detects what it then does.)
CREATE OR REPLACE FUNCTION suiji_audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (审计日志只能追加，不能修改或删除)';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION suiji_audit_events_append_only();
