-- PostgreSQL uses an index for LIKE 'prefix%' only with pattern operators when the database collation is not C.
CREATE INDEX nf_users_email_prefix ON nf_users (email_key varchar_pattern_ops);
CREATE INDEX nf_users_full_name_prefix ON nf_users (full_name_key varchar_pattern_ops);
