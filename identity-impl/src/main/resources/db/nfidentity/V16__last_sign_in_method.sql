-- How the user last signed in (password, or a provider's name), beside when (last_sign_in_at): for the account page
-- and the console of the next versions. Declared once in UserField; empty for sign-ins before this version.
ALTER TABLE nf_users ADD COLUMN last_sign_in_method VARCHAR(64);
