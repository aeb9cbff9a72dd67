package io.nfidentity.impl.admin;

import io.nfidentity.AuditAction;
import io.nfidentity.EmailExistsException;
import io.nfidentity.IdentityAdmin.ImportReport;
import io.nfidentity.IdentityException;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.error.StoreException;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.Reader;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Users brought in as JSON lines ({@link io.nfidentity.IdentityAdmin#importUsers}): one user per line, GoTrue's user
 * JSON plus the password hash, as {@link UserExport} writes them. Streamed: an import holds one batch in memory.
 */
@ApplicationScoped
public class UserImport {
    static final int BATCH = 1_000;
    static final int MAX_REFUSALS_LISTED = 1_000;

    private final IdentityConfig config;
    private final Clock clock;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final AdminWrites writes;
    private final AuditLog audit;

    @Inject
    public UserImport(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            PasswordHasher hasher,
            AdminWrites writes,
            AuditLog audit,
            io.nfidentity.impl.token.SecretSeal seal) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.hasher = hasher;
        this.writes = writes;
        this.audit = audit;
        this.seal = seal;
    }

    private final io.nfidentity.impl.token.SecretSeal seal;

    /** For the container's client proxy only. */
    protected UserImport() {
        this(null, null, null, null, null, null, null);
    }

    /** A line accepted so far, with its number for the report. */
    private record Line(long number, UserRow row, List<io.nfidentity.impl.store.FactorStore.FactorRow> factors) {}

    /** The refusals of one import. */
    private static final class Report {
        final List<ImportReport.Refusal> listed = new ArrayList<>();
        long refused;
        long imported;

        void refuse(long line, String reason) {
            refused++;
            if (listed.size() < MAX_REFUSALS_LISTED) {
                listed.add(new ImportReport.Refusal(line, reason));
            }
        }
    }

    /**
     * Imports the lines, audited twice: once before the first line is read ({@code outcome: started}), and once at
     * the end ({@code completed}) or when the stream breaks off ({@code aborted}, with the users stored until then).
     * Batches commit as they go, so a client that drops the connection mid-way leaves users behind: the entry made
     * at the start cannot be dodged that way.
     */
    public ImportReport importUsers(Reader in) {
        audit.byCaller(AuditAction.USERS_IMPORTED, null, null, Map.of("outcome", "started"));
        Report report = new Report();
        try {
            return importLines(in, report);
        } catch (RuntimeException | Error e) {
            audit.byCaller(
                    AuditAction.USERS_IMPORTED,
                    null,
                    null,
                    Map.of("outcome", "aborted", "imported", report.imported, "refused", report.refused));
            throw e;
        }
    }

    private ImportReport importLines(Reader in, Report report) {
        Set<String> seenEmails = new HashSet<>();
        Set<UUID> seenIds = new HashSet<>();
        Batch batch = new Batch();
        BoundedLines lines = new BoundedLines(in, config.exposure().maxBodyBytes());
        Instant now = clock.instant();
        long number = 0;
        for (String text = lines.next(); text != null; text = lines.next()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            batch.extendTo(number);
            if (text == BoundedLines.TOO_LONG) {
                batch.refuse(report, number, "the line is longer than nf.identity.max-body-bytes");
            } else {
                try {
                    JsonObject o = jakarta.json.Json.createReader(new StringReader(text))
                            .readObject();
                    UserRow row = ImportedUsers.row(o, now, config.tokens().audience(), hasher);
                    var factorRows = FactorTransfer.imported(o, row.id(), seal, now);
                    if (!factorRows.isEmpty() && !config.accounts().mfa().enabled()) {
                        throw new io.nfidentity.ValidationException(
                                "factors need nf.identity.mfa.enabled: their secrets are sealed with the key-encryption"
                                        + " key");
                    }
                    if (!seenEmails.add(UserStore.emailKey(row.email()))) {
                        batch.refuse(report, number, "the address is on an earlier line");
                    } else if (!seenIds.add(row.id())) {
                        batch.refuse(report, number, "the id is on an earlier line");
                    } else {
                        batch.lines.add(new Line(number, row, factorRows));
                    }
                } catch (IdentityException | JsonException | IllegalArgumentException | ClassCastException e) {
                    batch.refuse(report, number, reason(e));
                }
            }
            if (batch.size == BATCH) {
                store(batch, report);
                batch = new Batch();
            }
        }
        store(batch, report);
        audit.byCaller(
                AuditAction.USERS_IMPORTED,
                null,
                null,
                Map.of("outcome", "completed", "imported", report.imported, "refused", report.refused));
        // a batch's lines are reported when the batch ends: put them back in line order
        report.listed.sort(java.util.Comparator.comparingLong(ImportReport.Refusal::line));
        return new ImportReport(report.imported, report.listed, report.refused);
    }

    /** Up to {@link #BATCH} non-blank lines, stored together or not at all. */
    private static final class Batch {
        final List<Line> lines = new ArrayList<>(BATCH);
        int size;
        long first;
        long last;
        long firstRefused;

        void extendTo(long line) {
            if (size++ == 0) {
                first = line;
            }
            last = line;
        }

        void refuse(Report report, long line, String reason) {
            report.refuse(line, reason);
            if (firstRefused == 0) {
                firstRefused = line;
            }
        }

        /** The reason every other line of a batch that is not stored gets. */
        String notStored(String why) {
            return "not stored: its batch (lines " + first + " to " + last + ") is stored whole or not at all, and "
                    + why;
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof IdentityException) {
            return e.getMessage();
        }
        if (e instanceof JsonException) {
            return "not a JSON object";
        }
        return "a field has the wrong type or form: " + e.getMessage();
    }

    /**
     * Stores a batch in one transaction, all of it or nothing. A batch with a refused line stores nothing. The usual
     * import meets no stored user, so a batch is inserted as it is, with no lookups; only when an address or id of it
     * is taken are its lines looked up one by one (each lookup one unique-index probe, whatever the table's size or
     * the database's statistics) to say which.
     */
    private void store(Batch batch, Report report) {
        if (batch.lines.isEmpty()) {
            return;
        }
        if (batch.firstRefused != 0) {
            String why = batch.notStored("line " + batch.firstRefused + " was refused");
            batch.lines.forEach(l -> report.refuse(l.number(), why));
            return;
        }
        try {
            writes.importBatch(
                    batch.lines.stream().map(Line::row).toList(),
                    batch.lines.stream().flatMap(l -> l.factors().stream()).toList());
            report.imported += batch.lines.size();
            return;
        } catch (EmailExistsException taken) {
            // some line names a stored user: find which below
        } catch (StoreException e) {
            String why = batch.notStored("the database refused it");
            batch.lines.forEach(l -> report.refuse(l.number(), why));
            return;
        }
        List<Line> innocent = new ArrayList<>();
        for (Line l : batch.lines) {
            Set<Object> taken = users.existing(
                    List.of(UserStore.emailKey(l.row().email())),
                    List.of(l.row().id()));
            if (taken.contains(UserStore.emailKey(l.row().email()))) {
                batch.refuse(report, l.number(), "a user with this address exists");
            } else if (!taken.isEmpty()) {
                batch.refuse(report, l.number(), "a user with this id exists");
            } else {
                innocent.add(l);
            }
        }
        String why = batch.firstRefused != 0
                ? batch.notStored("line " + batch.firstRefused + " names a stored user")
                : batch.notStored("an address or id of it was taken while it was stored");
        innocent.forEach(l -> report.refuse(l.number(), why));
    }
}
