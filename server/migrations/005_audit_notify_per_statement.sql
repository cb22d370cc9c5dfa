-- The audit log's NOTIFY once per statement, not once per row: a push of 1,000 events ran 1,000 trigger calls
-- (and 1,000 pg_notify de-duplications) for what is one notification per team. Same channel and payload as
-- fairsend_notify_change, one per team the statement touched. (Transition tables take one event per trigger.)
CREATE FUNCTION fairsend_notify_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fairsend_sync', t.team_id || ' ' || TG_ARGV[0]) FROM (SELECT DISTINCT team_id FROM changed) t;
  RETURN NULL;
END
$$;

DROP TRIGGER audit_notify ON audit;
CREATE TRIGGER audit_notify AFTER INSERT ON audit REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION fairsend_notify_rows('audit');
CREATE TRIGGER audit_notify_updates AFTER UPDATE ON audit REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION fairsend_notify_rows('audit');
