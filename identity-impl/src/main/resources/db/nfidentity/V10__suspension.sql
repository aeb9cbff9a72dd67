-- Suspension (IdentityAdmin.suspendUser, ban_duration): until when the user may not log in, refresh, confirm or
-- recover. NULL when not suspended; an indefinite suspension is stored as the far future.
ALTER TABLE nf_users ADD COLUMN banned_until TIMESTAMP WITH TIME ZONE;
