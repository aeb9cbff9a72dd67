-- A role change ends the user's access tokens issued before it, to the second (as not_before does); a token issued
-- within the change's own second is then refused unless it carries the roles the user has now. Access tokens have no
-- finer issue time than exp's whole seconds, so without this a token issued in the demotion's second kept its roles
-- for its whole lifetime. This column holds the second after the change: tokens issued before it are compared.
ALTER TABLE nf_users ADD COLUMN roles_not_before TIMESTAMP WITH TIME ZONE;
