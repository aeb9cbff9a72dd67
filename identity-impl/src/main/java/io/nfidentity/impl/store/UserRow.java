package io.nfidentity.impl.store;

import io.nfidentity.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A user as stored, including the password hash. Never leaves the implementation: {@link #toUser()} is what
 * applications and clients see.
 */
public record UserRow(
        UUID id,
        String aud,
        String role,
        String email,
        String encryptedPassword,
        Instant confirmedAt,
        Instant invitedAt,
        Instant confirmationSentAt,
        Instant recoverySentAt,
        String newEmail,
        Instant emailChangeSentAt,
        Instant lastSignInAt,
        Map<String, Object> appMetadata,
        Map<String, Object> userMetadata,
        Instant createdAt,
        Instant updatedAt,
        Instant bannedUntil) {

    /** The {@code banned_until} of an indefinite suspension: the far future, which every database stores. */
    public static final Instant INDEFINITELY = Instant.parse("9999-12-31T23:59:59Z");

    /** Suspended until {@code until} ({@link #INDEFINITELY} for ever), or not at all with {@code null}. */
    public UserRow withBannedUntil(Instant until, Instant now) {
        return copy(c -> c.bannedUntil = until, now);
    }

    /** Whether the user is suspended at {@code now}. */
    public boolean suspendedAt(Instant now) {
        return bannedUntil != null && bannedUntil.isAfter(now);
    }

    public UserRow withPassword(String hash, Instant now) {
        return copy(c -> c.encryptedPassword = hash, now);
    }

    /** With GoTrue's top-level {@code role} (set when the user is created; later changes go through an update). */
    public UserRow withRole(String value) {
        return copy(c -> c.role = value, updatedAt);
    }

    public UserRow withLastSignIn(Instant now) {
        return copy(c -> c.lastSignInAt = now, now);
    }

    /** Confirmed at {@code now}. */
    public UserRow confirmed(Instant now) {
        return copy(c -> c.confirmedAt = now, now);
    }

    /** With another address and pending address ({@code new_email}). */
    public UserRow withEmail(String address, String pending, Instant now) {
        return copy(
                c -> {
                    c.email = address;
                    c.newEmail = pending;
                },
                now);
    }

    /** Invited now ({@code invited_at}). */
    public UserRow withInviteSent(Instant now) {
        return copy(c -> c.invitedAt = now, now);
    }

    public UserRow withConfirmationSent(Instant now) {
        return copy(c -> c.confirmationSentAt = now, now);
    }

    public UserRow withRecoverySent(Instant now) {
        return copy(c -> c.recoverySentAt = now, now);
    }

    public UserRow withEmailChangeSent(Instant now) {
        return copy(c -> c.emailChangeSentAt = now, now);
    }

    /** The same row with the metadata an observer chose; nothing else of the user can change this way. */
    public UserRow withMetadata(Map<String, Object> app, Map<String, Object> meta, Instant now) {
        return copy(
                c -> {
                    c.appMetadata = new LinkedHashMap<>(app);
                    c.userMetadata = new LinkedHashMap<>(meta);
                },
                now);
    }

    /** A copy with some fields changed and {@code updated_at} set: the one place the components are listed twice. */
    private UserRow copy(Consumer<Fields> change, Instant now) {
        Fields f = new Fields(this);
        change.accept(f);
        return new UserRow(
                id,
                aud,
                f.role,
                f.email,
                f.encryptedPassword,
                f.confirmedAt,
                f.invitedAt,
                f.confirmationSentAt,
                f.recoverySentAt,
                f.newEmail,
                f.emailChangeSentAt,
                f.lastSignInAt,
                f.appMetadata,
                f.userMetadata,
                createdAt,
                now,
                f.bannedUntil);
    }

    /** The changeable components, for {@link #copy}. The id, audience and creation time never change here. */
    private static final class Fields {
        String role;
        String email;
        String encryptedPassword;
        Instant confirmedAt;
        Instant invitedAt;
        Instant confirmationSentAt;
        Instant recoverySentAt;
        String newEmail;
        Instant emailChangeSentAt;
        Instant lastSignInAt;
        Map<String, Object> appMetadata;
        Map<String, Object> userMetadata;
        Instant bannedUntil;

        Fields(UserRow r) {
            role = r.role;
            email = r.email;
            encryptedPassword = r.encryptedPassword;
            confirmedAt = r.confirmedAt;
            invitedAt = r.invitedAt;
            confirmationSentAt = r.confirmationSentAt;
            recoverySentAt = r.recoverySentAt;
            newEmail = r.newEmail;
            emailChangeSentAt = r.emailChangeSentAt;
            lastSignInAt = r.lastSignInAt;
            appMetadata = r.appMetadata;
            userMetadata = r.userMetadata;
            bannedUntil = r.bannedUntil;
        }
    }

    /** The camelCase user of spec section 7, as {@code @netlify/identity} maps it. */
    public User toUser() {
        return toUser(
                id,
                email,
                role,
                confirmedAt,
                invitedAt,
                confirmationSentAt,
                recoverySentAt,
                newEmail,
                emailChangeSentAt,
                lastSignInAt,
                createdAt,
                updatedAt,
                appMetadata,
                userMetadata,
                bannedUntil);
    }

    private static User toUser(
            UUID id,
            String email,
            String role,
            Instant confirmedAt,
            Instant invitedAt,
            Instant confirmationSentAt,
            Instant recoverySentAt,
            String newEmail,
            Instant emailChangeSentAt,
            Instant lastSignInAt,
            Instant createdAt,
            Instant updatedAt,
            Map<String, Object> app,
            Map<String, Object> meta,
            Instant bannedUntil) {
        return new User(
                        id,
                        email,
                        role,
                        null,
                        null,
                        null,
                        List.of(),
                        confirmedAt,
                        invitedAt,
                        confirmationSentAt,
                        recoverySentAt,
                        newEmail,
                        emailChangeSentAt,
                        lastSignInAt,
                        createdAt,
                        updatedAt,
                        null,
                        null,
                        bannedUntil)
                .withMetadata(app, meta);
    }
}
