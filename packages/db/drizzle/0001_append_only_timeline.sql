-- A claim's timeline, a package's carrier events and webhook attempts are records of what
-- happened: never edited afterwards (POLICY, Claim lifecycle). The database refuses it,
-- whatever the code does.
CREATE OR REPLACE FUNCTION lg_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER claim_events_append_only BEFORE UPDATE OR DELETE ON claim_events
  FOR EACH ROW EXECUTE FUNCTION lg_refuse_change();
--> statement-breakpoint
CREATE TRIGGER package_events_append_only BEFORE UPDATE OR DELETE ON package_events
  FOR EACH ROW EXECUTE FUNCTION lg_refuse_change();
--> statement-breakpoint
CREATE TRIGGER delivery_attempts_append_only BEFORE UPDATE OR DELETE ON delivery_attempts
  FOR EACH ROW EXECUTE FUNCTION lg_refuse_change();
