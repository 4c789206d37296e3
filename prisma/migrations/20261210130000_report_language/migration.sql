-- The language a recipient chose for the weekly report; NULL = the agency's language.
ALTER TABLE report_subscription ADD COLUMN locale "Locale";
