-- H2 uses plain b-tree indexes for LIKE 'prefix%'.
CREATE INDEX nf_users_email_prefix ON nf_users (email_key);
CREATE INDEX nf_users_full_name_prefix ON nf_users (full_name_key);
