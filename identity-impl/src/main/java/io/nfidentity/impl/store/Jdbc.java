package io.nfidentity.impl.store;

import io.nfidentity.impl.error.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The few JDBC shapes the stores need. Connections come from the container's datasource, so inside a JTA transaction
 * every statement joins it and commits or rolls back with it.
 */
final class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private volatile Boolean postgres;

    /** Whether the datasource is PostgreSQL (asked once). */
    boolean isPostgres() {
        Boolean p = postgres;
        if (p == null) {
            try (Connection c = connection()) {
                p = c.getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("postgres");
            } catch (SQLException e) {
                throw StoreException.of(e);
            }
            postgres = p;
        }
        return p;
    }

    /**
     * A connection from the pool. Failing to get one is always the database being away (or the pool exhausted), never
     * a wrong statement, whatever the pool reports: Payara's pool says only "Error in allocating a connection",
     * without the driver's SQL state, so it is given class 08 here and answers 503 like any other outage.
     */
    private Connection connection() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new java.sql.SQLTransientConnectionException("no connection from the pool", "08001", e);
        }
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = connection()) {
            return list(c, sql, mapper, params);
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    /** {@link #list} on a connection the caller holds. */
    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Several statements on one connection from the pool. Outside a transaction each statement would otherwise take
     * its own from the pool, and with validation on checkout (as the README configures it) pay a round trip more.
     */
    <T> T withConnection(Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** @return the number of rows changed */
    int update(String sql, Object... params) throws SQLException {
        try (Connection c = connection()) {
            return update(c, sql, params);
        }
    }

    /** {@link #update} on a connection the caller holds. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** One statement run for each row of parameters, sent as one JDBC batch. */
    void batch(String sql, List<Object[]> rows) throws SQLException {
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] params : rows) {
                for (int i = 0; i < params.length; i++) {
                    Object p = params[i];
                    ps.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@link #update} for statements whose failure is always a store failure. */
    int write(String sql, Object... params) {
        try {
            return update(sql, params);
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
        }
        return ps;
    }

    /** A {@code LIKE ... ESCAPE '!'} pattern matching the lower-cased term anywhere, its wildcards taken literally. */
    static String containsPattern(String term) {
        return "%"
                + term.trim()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace("!", "!!")
                        .replace("%", "!%")
                        .replace("_", "!_")
                + "%";
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
