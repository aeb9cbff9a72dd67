-- Access tokens of a user issued before this instant are refused: logout everywhere, password change.
ALTER TABLE nf_users ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;
