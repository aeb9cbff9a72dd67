package io.nfidentity.impl.store;

import io.nfidentity.impl.error.StoreException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes {@code nf_signing_keys}. Private keys arrive here sealed and leave sealed: this class never sees
 * key material in the clear. State changes are conditional updates, so two administrators (or two nodes starting at
 * once) cannot both win one step; the unique {@code current_slot} keeps a single current key whatever happens.
 */
public final class SigningKeyStore {
    public static final String NEXT = "next";
    public static final String CURRENT = "current";
    public static final String PREVIOUS = "previous";
    public static final String RETIRED = "retired";

    private static final String COLUMNS = "kid, algorithm, state, public_key, private_key, created_at, activated_at,"
            + " deactivated_at, verify_until, retired_at";

    private final Jdbc jdbc;

    public SigningKeyStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * A stored key.
     *
     * @param publicKey X.509 SubjectPublicKeyInfo, base64; {@code null} for HS256
     * @param privateKey PKCS #8, sealed; {@code null} for HS256
     */
    public record KeyRow(
            String kid,
            String algorithm,
            String state,
            String publicKey,
            String privateKey,
            Instant createdAt,
            Instant activatedAt,
            Instant deactivatedAt,
            Instant verifyUntil,
            Instant retiredAt) {
        @Override
        public String toString() {
            return "KeyRow[" + kid + " " + algorithm + " " + state + "]";
        }
    }

    /** Every key, newest first. */
    public List<KeyRow> all() {
        return jdbc.list(
                "SELECT " + COLUMNS + " FROM nf_signing_keys ORDER BY created_at DESC, kid", SigningKeyStore::row);
    }

    public Optional<KeyRow> find(String kid) {
        return jdbc.one("SELECT " + COLUMNS + " FROM nf_signing_keys WHERE kid = ?", SigningKeyStore::row, kid);
    }

    /** Stores a new key in state {@code next} (or any state but current). */
    public void insert(KeyRow key) {
        jdbc.write(
                "INSERT INTO nf_signing_keys (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
                key.kid(),
                key.algorithm(),
                key.state(),
                key.publicKey(),
                key.privateKey(),
                key.createdAt(),
                key.activatedAt(),
                key.deactivatedAt(),
                key.verifyUntil(),
                key.retiredAt());
    }

    /**
     * The current key, if any, becomes previous, verifying until {@code verifyUntil}.
     *
     * @return the key id that was current, if there was one
     */
    public Optional<String> demoteCurrent(Instant now, Instant verifyUntil) {
        Optional<String> current =
                jdbc.one("SELECT kid FROM nf_signing_keys WHERE current_slot = 1 FOR UPDATE", rs -> rs.getString(1));
        current.ifPresent(kid -> jdbc.write(
                "UPDATE nf_signing_keys SET state = ?, current_slot = NULL, deactivated_at = ?, verify_until = ?"
                        + " WHERE kid = ?",
                PREVIOUS,
                now,
                verifyUntil,
                kid));
        return current;
    }

    /**
     * Makes a key current, if it is in one of {@code from} states and no other key is current (demote that one first,
     * in the same transaction).
     *
     * @return whether this call made it current; {@code false} when its state had changed, or another key is current
     *     (a concurrent step won)
     */
    public boolean activate(String kid, Instant now, String... from) {
        Object[] params = withStates(new Object[] {CURRENT, now, kid}, from);
        try {
            return jdbc.update(
                            "UPDATE nf_signing_keys SET state = ?, current_slot = 1, activated_at = ?,"
                                    + " deactivated_at = NULL, verify_until = NULL, retired_at = NULL"
                                    + " WHERE kid = ? AND state IN (" + marks(from) + ")",
                            params)
                    == 1;
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) {
                return false;
            }
            throw StoreException.of(e);
        }
    }

    /** Retires a key in one of {@code from} states. @return whether it was in one of them */
    public boolean retire(String kid, Instant now, String... from) {
        return jdbc.write(
                        "UPDATE nf_signing_keys SET state = ?, retired_at = ?, current_slot = NULL WHERE kid = ?"
                                + " AND state IN (" + marks(from) + ")",
                        withStates(new Object[] {RETIRED, now, kid}, from))
                == 1;
    }

    private static String marks(String[] states) {
        return String.join(",", java.util.Collections.nCopies(states.length, "?"));
    }

    private static Object[] withStates(Object[] first, String[] states) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + states.length);
        System.arraycopy(states, 0, all, first.length, states.length);
        return all;
    }

    /** The previous keys whose tokens have all expired by {@code now}. */
    public List<String> expiredPrevious(Instant now) {
        return jdbc.list(
                "SELECT kid FROM nf_signing_keys WHERE state = ? AND verify_until < ?",
                rs -> rs.getString(1),
                PREVIOUS,
                now);
    }

    private static KeyRow row(java.sql.ResultSet rs) throws SQLException {
        return new KeyRow(
                rs.getString("kid"),
                rs.getString("algorithm"),
                rs.getString("state"),
                rs.getString("public_key"),
                rs.getString("private_key"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "activated_at"),
                Jdbc.instant(rs, "deactivated_at"),
                Jdbc.instant(rs, "verify_until"),
                Jdbc.instant(rs, "retired_at"));
    }
}
