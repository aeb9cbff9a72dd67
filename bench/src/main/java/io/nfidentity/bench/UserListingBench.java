package io.nfidentity.bench;

import io.nfidentity.impl.store.Database;
import io.nfidentity.impl.store.UserStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Listing and searching users at scale, on PostgreSQL, through the product's own {@link UserStore} and schema (Flyway
 * migrations included). Loads the users with one set-based INSERT (no per-user round trips), then times each query
 * shape {@code IdentityAdmin.listUsers} issues and prints median and p99 in milliseconds.
 *
 * <p>Arguments: a JDBC URL (default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) and a user count
 * (default 1,000,000). Runs in its own schema {@code nf_identity_bench}, dropped and recreated first.
 */
public final class UserListingBench {
    private static final String SCHEMA = "nf_identity_bench";
    private static final int RUNS = 300;
    private static final int WARMUP = 50;
    private static final int PAGE = 50;

    private UserListingBench() {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;

        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl(url);
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setCurrentSchema(SCHEMA);
        Database.migrate(ds);

        long t0 = System.nanoTime();
        load(ds, users);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT, "loaded %,d users in %.1f s (%,.0f users/s)%n", users, loadSeconds, users / loadSeconds);

        UserStore store = new UserStore(new OneConnection(ds));
        store.learnCommonTrigrams(); // as Housekeeping does at startup
        Key middle = keyAt(ds, users / 2);
        Key last = keyAt(ds, users - PAGE);
        String emailPrefix = "user-0777";
        String namePrefix = "ada 0777";

        List<String[]> rows = new ArrayList<>();
        rows.add(time("first page (newest 50)", () -> store.list(null, false, null, null, 0, PAGE + 1)));
        rows.add(time("middle page by cursor", () -> store.list(null, false, middle.at, middle.id, 0, PAGE + 1)));
        rows.add(time("last page by cursor", () -> store.list(null, false, last.at, last.id, 0, PAGE + 1)));
        rows.add(time("first page, oldest first", () -> store.list(null, true, null, null, 0, PAGE + 1)));
        // every search matches anywhere in the email or the full name (GoTrue's filter)
        rows.add(time(
                "search, start of emails (1,000 match)",
                () -> store.list(emailPrefix, false, null, null, 0, PAGE + 1)));
        rows.add(time(
                "search, start of names (1,000 match)", () -> store.list(namePrefix, false, null, null, 0, PAGE + 1)));
        rows.add(time(
                "search, middle of one email (1 match)",
                () -> store.list("0777123@bench", false, null, null, 0, PAGE + 1)));
        rows.add(time(
                "search, middle of one name (1 match)", () -> store.list("a 0777123", false, null, null, 0, PAGE + 1)));
        rows.add(time(
                "search, a domain all share (1,000,000 match)",
                () -> store.list("bench.example", false, null, null, 0, PAGE + 1)));
        rows.add(
                time("search, middle, oldest first", () -> store.list("0777123@bench", true, null, null, 0, PAGE + 1)));
        rows.add(time(
                "search that matches nothing", () -> store.list("zz-no-such-user", false, null, null, 0, PAGE + 1)));
        rows.add(time("page 2 by number (offset)", () -> store.list(null, false, null, null, PAGE, PAGE + 1)));
        rows.add(time("count, for X-Total-Count", () -> List.of(store.count(null))));

        System.out.printf(Locale.ROOT, "%n| query (%,d users, PostgreSQL) | median ms | p99 ms | rows |%n", users);
        System.out.println("|---|---|---|---|");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }

    /** One INSERT ... SELECT over generate_series: the database makes the rows, nothing crosses the wire per user. */
    private static void load(PGSimpleDataSource ds, int users) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO nf_users (id, aud, email, email_key, encrypted_password, confirmed_at,"
                    + " app_metadata, user_metadata, full_name_key, created_at, updated_at)"
                    + " SELECT gen_random_uuid(), '', e, e, NULL, t,"
                    + "  '{\"provider\":\"email\"}', '{\"full_name\":\"Ada ' || lpad(n::text, 7, '0') || '\"}',"
                    + "  'ada ' || lpad(n::text, 7, '0'), t, t"
                    + " FROM (SELECT n, 'user-' || lpad(n::text, 7, '0') || '@bench.example.com' AS e,"
                    + "   timestamptz '2020-01-01' + n * interval '1 second' AS t"
                    + "   FROM generate_series(1, " + users + ") AS n) g");
            // what autovacuum does soon after a bulk load: statistics, and the trigram indexes' pending lists sorted in
            // (until then every search reads the whole list; measured below as it is most of the time, after it)
            s.execute("VACUUM ANALYZE nf_users");
        }
    }

    private record Key(Instant at, UUID id) {}

    private static Key keyAt(PGSimpleDataSource ds, int offset) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT created_at, id FROM nf_users ORDER BY created_at DESC, id DESC"
                        + " OFFSET " + offset + " LIMIT 1")) {
            rs.next();
            return new Key(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, UUID.class));
        }
    }

    private static String[] time(String name, Supplier<List<?>> query) {
        int size = 0;
        for (int i = 0; i < WARMUP; i++) {
            size = query.get().size();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            size = query.get().size();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return new String[] {
            name,
            String.format(Locale.ROOT, "%.2f", nanos[RUNS / 2] / 1e6),
            String.format(Locale.ROOT, "%.2f", nanos[(int) (RUNS * 0.99)] / 1e6),
            Integer.toString(size)
        };
    }
}
