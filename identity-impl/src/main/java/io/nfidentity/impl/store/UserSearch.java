package io.nfidentity.impl.store;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The search of the user list: anywhere in the email or the full name, without regard to case, as GoTrue's
 * {@code filter}, kept fast at millions of users by telling the trigram indexes only the rare part of a term.
 */
final class UserSearch {
    private final Jdbc jdbc;

    UserSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Anywhere in the email or the full name, without regard to case, as GoTrue matches (V8's trigram indexes). The
     * index is given only the {@link SearchCore core} of the term: a term's local part when it has a domain too (a
     * domain is shared by many users), without the trigrams most users share; {@code POSITION}, which no index
     * serves, then keeps the whole term's meaning.
     *
     * @return whether the index looks for a core rather than the whole term (the term has a rare part)
     */
    boolean append(StringBuilder sql, List<Object> params, String term) {
        if (term == null || term.isBlank()) {
            return false;
        }
        String key = term.trim().toLowerCase(Locale.ROOT);
        int at = key.indexOf('@');
        Set<String> common = commonTrigrams;
        SearchCore inEmail = SearchCore.of(at >= 3 ? key.substring(0, at) : key, common);
        SearchCore inName = SearchCore.of(key, common);
        boolean emailNarrowed = inEmail.pruned() || at >= 3;
        sql.append(" AND ((email_key LIKE ? ESCAPE '!'")
                .append(emailNarrowed ? " AND POSITION(? IN email_key) > 0)" : ")")
                .append(" OR (full_name_key LIKE ? ESCAPE '!'")
                .append(inName.pruned() ? " AND POSITION(? IN full_name_key) > 0))" : "))");
        params.add(Jdbc.containsPattern(inEmail.indexed()));
        if (emailNarrowed) {
            params.add(key);
        }
        params.add(Jdbc.containsPattern(inName.indexed()));
        if (inName.pruned()) {
            params.add(key);
        }
        return inEmail.pruned() || inName.pruned();
    }

    /** Trigrams in at least this share of sampled users count as common. */
    static final double COMMON_SHARE = 0.05;

    /** Users sampled to learn the common trigrams. */
    static final int SAMPLE_USERS = 5_000;

    /** What {@link #learnCommonTrigrams} found last; empty until then, and always on other databases than PostgreSQL. */
    private volatile Set<String> commonTrigrams = Set.of();

    /** Searches as if these trigrams had been found common (tests). */
    void commonTrigrams(Set<String> common) {
        commonTrigrams = Set.copyOf(common);
    }

    /**
     * Samples about {@link #SAMPLE_USERS} users and keeps the trigrams of emails and names that at least
     * {@link #COMMON_SHARE} of them have, for searches to leave out of the index ({@link SearchCore}). PostgreSQL
     * only (its trigram indexes are what it helps; H2 scans); on a table of under 1,000 users nothing is common.
     * Housekeeping runs it at startup and at every purge.
     */
    void learnCommonTrigrams() {
        if (!jdbc.isPostgres()) {
            return;
        }
        double users = jdbc.one(
                        "SELECT reltuples FROM pg_class WHERE oid = to_regclass('nf_users')", rs -> rs.getDouble(1))
                .orElse(0.0);
        if (users < 1_000) {
            commonTrigrams = Set.of();
            return;
        }
        String percent = String.format(Locale.ROOT, "%.4f", Math.min(100.0, 100.0 * SAMPLE_USERS / users));
        List<String> common = jdbc.list(
                "WITH sample AS (SELECT id, email_key || ' ' || COALESCE(full_name_key, '') AS k FROM nf_users"
                        + " TABLESAMPLE SYSTEM (" + percent + ")),"
                        + " grams AS (SELECT DISTINCT s.id, substr(s.k, i, 3) AS g FROM sample s"
                        + " CROSS JOIN LATERAL generate_series(1, length(s.k) - 2) AS i)"
                        + " SELECT g FROM grams GROUP BY g HAVING COUNT(*) >= (SELECT COUNT(*) FROM sample) * ?",
                rs -> rs.getString(1),
                COMMON_SHARE);
        commonTrigrams = Set.copyOf(common);
    }
}
