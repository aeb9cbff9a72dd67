package io.nfidentity.impl.store;

import io.nfidentity.User;
import io.nfidentity.impl.token.Claims;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        Instant updatedAt) {

    public UserRow withPassword(String hash, Instant now) {
        return new UserRow(
                id,
                aud,
                role,
                email,
                hash,
                confirmedAt,
                invitedAt,
                confirmationSentAt,
                recoverySentAt,
                newEmail,
                emailChangeSentAt,
                lastSignInAt,
                appMetadata,
                userMetadata,
                createdAt,
                now);
    }

    public UserRow withLastSignIn(Instant now) {
        return new UserRow(
                id,
                aud,
                role,
                email,
                encryptedPassword,
                confirmedAt,
                invitedAt,
                confirmationSentAt,
                recoverySentAt,
                newEmail,
                emailChangeSentAt,
                now,
                appMetadata,
                userMetadata,
                createdAt,
                now);
    }

    /** Confirmed at {@code now}. */
    public UserRow confirmed(Instant now) {
        return new UserRow(
                id,
                aud,
                role,
                email,
                encryptedPassword,
                now,
                invitedAt,
                confirmationSentAt,
                recoverySentAt,
                newEmail,
                emailChangeSentAt,
                lastSignInAt,
                appMetadata,
                userMetadata,
                createdAt,
                now);
    }

    /** With another address and pending address ({@code new_email}). */
    public UserRow withEmail(String address, String pending, Instant now) {
        return new UserRow(
                id,
                aud,
                role,
                address,
                encryptedPassword,
                confirmedAt,
                invitedAt,
                confirmationSentAt,
                recoverySentAt,
                pending,
                emailChangeSentAt,
                lastSignInAt,
                appMetadata,
                userMetadata,
                createdAt,
                now);
    }

    /** With the sent-at time of a mail kind set to {@code now} (invites set {@code invited_at}). */
    public UserRow withSent(io.nfidentity.impl.mail.MailKind kind, Instant now) {
        return new UserRow(
                id,
                aud,
                role,
                email,
                encryptedPassword,
                confirmedAt,
                kind == io.nfidentity.impl.mail.MailKind.INVITE ? now : invitedAt,
                kind == io.nfidentity.impl.mail.MailKind.CONFIRMATION ? now : confirmationSentAt,
                kind == io.nfidentity.impl.mail.MailKind.RECOVERY ? now : recoverySentAt,
                newEmail,
                kind == io.nfidentity.impl.mail.MailKind.EMAIL_CHANGE ? now : emailChangeSentAt,
                lastSignInAt,
                appMetadata,
                userMetadata,
                createdAt,
                now);
    }

    /** The same row with the metadata an observer chose; nothing else of the user can change this way. */
    public UserRow withMetadata(Map<String, Object> app, Map<String, Object> meta, Instant now) {
        return new UserRow(
                id,
                aud,
                role,
                email,
                encryptedPassword,
                confirmedAt,
                invitedAt,
                confirmationSentAt,
                recoverySentAt,
                newEmail,
                emailChangeSentAt,
                lastSignInAt,
                new LinkedHashMap<>(app),
                new LinkedHashMap<>(meta),
                createdAt,
                now);
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
                userMetadata);
    }

    /** A user from verified token claims: what the token carries, without the timestamps only the database has. */
    public static User fromClaims(Claims claims) {
        return toUser(
                claims.subject(),
                claims.email(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                claims.appMetadata(),
                claims.userMetadata());
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
            Map<String, Object> meta) {
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
                        null)
                .withMetadata(app, meta);
    }
}
