-- The KYC history is append-only, like the profile history (0002).
CREATE TRIGGER kyc_events_append_only BEFORE UPDATE OR DELETE ON kyc_events
  FOR EACH ROW EXECUTE FUNCTION pehchan_refuse_history_change();
