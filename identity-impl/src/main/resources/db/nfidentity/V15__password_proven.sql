-- Whether the user's password was chosen by someone who had proven they own the mailbox: the confirmation link of
-- the signup that set it, an invitation, or a change made in a session that a mailed link or a provider's verified
-- address opened. An autoconfirmed signup, an imported user and a password an administrator set prove nothing, so a
-- later sign-in through a provider that verifies the address takes such an account over from that password (see
-- ExternalWrites) instead of linking to it: otherwise whoever registered the address first kept a way in.
ALTER TABLE nf_users ADD COLUMN password_proven BOOLEAN DEFAULT FALSE NOT NULL;

-- Existing users: a confirmed password account that was mailed a confirmation or an invitation proved the mailbox.
UPDATE nf_users SET password_proven = TRUE
    WHERE encrypted_password IS NOT NULL AND confirmed_at IS NOT NULL
      AND (confirmation_sent_at IS NOT NULL OR invited_at IS NOT NULL);
