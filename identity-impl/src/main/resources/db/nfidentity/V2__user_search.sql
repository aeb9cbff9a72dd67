-- Search by the start of the full name without parsing JSON in SQL: the store keeps this column
-- (lower-cased user_metadata.full_name) in step with user_metadata.
ALTER TABLE nf_users ADD COLUMN full_name_key VARCHAR(320);
