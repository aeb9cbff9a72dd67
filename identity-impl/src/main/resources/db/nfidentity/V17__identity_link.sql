-- An authorization in flight may link a provider account to a logged-in user (the account page's "link another way to
-- sign in") instead of signing in by the provider's address: the user it was started for. A user deleted meanwhile
-- takes the row with it, so a callback can never link to a user who is gone.
ALTER TABLE nf_oauth_states ADD COLUMN link_user_id UUID REFERENCES nf_users (id) ON DELETE CASCADE;
