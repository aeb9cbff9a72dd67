-- The keys that sign and verify access tokens. The HS256 key is the configured secret and has a row without key
-- material (kid 'nf-ident'); an asymmetric key keeps its public key (X.509 SubjectPublicKeyInfo, base64) and its
-- private key (PKCS #8) sealed with AES-256-GCM under a key derived from nf.identity.jwt.key-encryption-key, the
-- key id as associated data. current_slot is 1 for the current key and NULL otherwise: the unique constraint lets
-- only one key be current, also when two nodes start at once.
CREATE TABLE nf_signing_keys (
    kid            VARCHAR(64)              NOT NULL PRIMARY KEY,
    algorithm      VARCHAR(8)               NOT NULL,
    -- next | current | previous | retired
    state          VARCHAR(10)              NOT NULL,
    current_slot   SMALLINT,
    public_key     VARCHAR(1000),
    private_key    VARCHAR(4000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at   TIMESTAMP WITH TIME ZONE,
    deactivated_at TIMESTAMP WITH TIME ZONE,
    verify_until   TIMESTAMP WITH TIME ZONE,
    retired_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT nf_signing_keys_one_current UNIQUE (current_slot)
);
