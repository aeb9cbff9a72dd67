package io.nfidentity.impl.store;

import static io.nfidentity.impl.store.UserField.APP_METADATA;
import static io.nfidentity.impl.store.UserField.AUD;
import static io.nfidentity.impl.store.UserField.BANNED_UNTIL;
import static io.nfidentity.impl.store.UserField.CONFIRMATION_SENT_AT;
import static io.nfidentity.impl.store.UserField.CONFIRMED_AT;
import static io.nfidentity.impl.store.UserField.CREATED_AT;
import static io.nfidentity.impl.store.UserField.EMAIL;
import static io.nfidentity.impl.store.UserField.EMAIL_CHANGE_SENT_AT;
import static io.nfidentity.impl.store.UserField.ENCRYPTED_PASSWORD;
import static io.nfidentity.impl.store.UserField.ID;
import static io.nfidentity.impl.store.UserField.INVITED_AT;
import static io.nfidentity.impl.store.UserField.LAST_SIGN_IN_AT;
import static io.nfidentity.impl.store.UserField.LAST_SIGN_IN_METHOD;
import static io.nfidentity.impl.store.UserField.NEW_EMAIL;
import static io.nfidentity.impl.store.UserField.RECOVERY_SENT_AT;
import static io.nfidentity.impl.store.UserField.ROLE;
import static io.nfidentity.impl.store.UserField.UPDATED_AT;
import static io.nfidentity.impl.store.UserField.USER_METADATA;

import io.nfidentity.User;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user as stored, including the password hash: one value per {@link UserField}, immutable (every change is a
 * copy). Never leaves the implementation: {@link #toUser()} is what applications and clients see. The accessors below
 * are for the fields code reads by name; any field is {@link #get}.
 */
public final class UserRow {
    /** The {@code banned_until} of an indefinite suspension: the far future, which every database stores. */
    public static final Instant INDEFINITELY = Instant.parse("9999-12-31T23:59:59Z");

    private final EnumMap<UserField, Object> values;

    private UserRow(EnumMap<UserField, Object> values) {
        this.values = values;
    }

    /** A new row, every field empty until set. */
    public static Builder builder() {
        return new Builder(new EnumMap<>(UserField.class));
    }

    /** A builder holding this row's values, for a copy with some changed. */
    public Builder toBuilder() {
        return new Builder(new EnumMap<>(values));
    }

    /** The field's value, of its {@link UserField.Type}; {@code null} when empty. */
    public Object get(UserField field) {
        Object v = values.get(field);
        return v instanceof Map<?, ?> m ? Collections.unmodifiableMap(m) : v;
    }

    public UUID id() {
        return (UUID) values.get(ID);
    }

    public String aud() {
        return (String) values.get(AUD);
    }

    public String role() {
        return (String) values.get(ROLE);
    }

    public String email() {
        return (String) values.get(EMAIL);
    }

    public String encryptedPassword() {
        return (String) values.get(ENCRYPTED_PASSWORD);
    }

    public Instant confirmedAt() {
        return (Instant) values.get(CONFIRMED_AT);
    }

    public Instant invitedAt() {
        return (Instant) values.get(INVITED_AT);
    }

    /**
     * Whether this is a self-service signup that nobody has confirmed yet (not an invitation, not a user an
     * administrator created): such a signup proves nothing about who owns the address.
     */
    public boolean pendingSignup() {
        return confirmedAt() == null && invitedAt() == null && confirmationSentAt() != null;
    }

    public Instant confirmationSentAt() {
        return (Instant) values.get(CONFIRMATION_SENT_AT);
    }

    public Instant recoverySentAt() {
        return (Instant) values.get(RECOVERY_SENT_AT);
    }

    public String newEmail() {
        return (String) values.get(NEW_EMAIL);
    }

    public Instant emailChangeSentAt() {
        return (Instant) values.get(EMAIL_CHANGE_SENT_AT);
    }

    public Instant lastSignInAt() {
        return (Instant) values.get(LAST_SIGN_IN_AT);
    }

    /** The stored map itself: callers copy before they change it, as they always did with the record. */
    public Map<String, Object> appMetadata() {
        return map(values.get(APP_METADATA));
    }

    public Map<String, Object> userMetadata() {
        return map(values.get(USER_METADATA));
    }

    public Instant createdAt() {
        return (Instant) values.get(CREATED_AT);
    }

    public Instant updatedAt() {
        return (Instant) values.get(UPDATED_AT);
    }

    public Instant bannedUntil() {
        return (Instant) values.get(BANNED_UNTIL);
    }

    /** Suspended until {@code until} ({@link #INDEFINITELY} for ever), or not at all with {@code null}. */
    public UserRow withBannedUntil(Instant until, Instant now) {
        return toBuilder().set(BANNED_UNTIL, until).build(now);
    }

    /** Whether the user is suspended at {@code now}. */
    public boolean suspendedAt(Instant now) {
        return bannedUntil() != null && bannedUntil().isAfter(now);
    }

    public UserRow withPassword(String hash, Instant now) {
        return toBuilder().set(ENCRYPTED_PASSWORD, hash).build(now);
    }

    /** With GoTrue's top-level {@code role} (set when the user is created; later changes go through an update). */
    public UserRow withRole(String value) {
        return toBuilder().set(ROLE, value).build();
    }

    /** Signed in now, by {@code method} ({@code password}, a provider's name, ...). */
    public UserRow withLastSignIn(Instant now, String method) {
        return toBuilder()
                .set(LAST_SIGN_IN_AT, now)
                .set(LAST_SIGN_IN_METHOD, method)
                .build(now);
    }

    /** Confirmed at {@code now}. */
    public UserRow confirmed(Instant now) {
        return toBuilder().set(CONFIRMED_AT, now).build(now);
    }

    /** With another address and pending address ({@code new_email}). */
    public UserRow withEmail(String address, String pending, Instant now) {
        return toBuilder().set(EMAIL, address).set(NEW_EMAIL, pending).build(now);
    }

    /** Invited now ({@code invited_at}). */
    public UserRow withInviteSent(Instant now) {
        return toBuilder().set(INVITED_AT, now).build(now);
    }

    public UserRow withConfirmationSent(Instant now) {
        return toBuilder().set(CONFIRMATION_SENT_AT, now).build(now);
    }

    public UserRow withRecoverySent(Instant now) {
        return toBuilder().set(RECOVERY_SENT_AT, now).build(now);
    }

    public UserRow withEmailChangeSent(Instant now) {
        return toBuilder().set(EMAIL_CHANGE_SENT_AT, now).build(now);
    }

    /** The same row with the metadata an observer chose; nothing else of the user can change this way. */
    public UserRow withMetadata(Map<String, Object> app, Map<String, Object> meta, Instant now) {
        return toBuilder().set(APP_METADATA, app).set(USER_METADATA, meta).build(now);
    }

    /** The camelCase user, as {@code @netlify/identity}'s {@code getUser()} maps GoTrue's. */
    public User toUser() {
        return new User(
                        id(),
                        email(),
                        role(),
                        null,
                        null,
                        null,
                        List.of(),
                        confirmedAt(),
                        invitedAt(),
                        confirmationSentAt(),
                        recoverySentAt(),
                        newEmail(),
                        emailChangeSentAt(),
                        lastSignInAt(),
                        createdAt(),
                        updatedAt(),
                        null,
                        null,
                        bannedUntil())
                .withMetadata(appMetadata(), userMetadata());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserRow r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Never the password hash. */
    @Override
    public String toString() {
        return "UserRow[id=" + id() + ", email=" + email() + "]";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** Sets fields one by one; {@link #build} checks each value's type and copies the metadata maps. */
    public static final class Builder {
        private final EnumMap<UserField, Object> values;

        private Builder(EnumMap<UserField, Object> values) {
            this.values = values;
        }

        public Builder set(UserField field, Object value) {
            values.put(field, field.type().checked(field, value));
            return this;
        }

        /** The row as set. */
        public UserRow build() {
            for (UserField f : List.of(APP_METADATA, USER_METADATA)) {
                values.putIfAbsent(f, new java.util.LinkedHashMap<>());
            }
            return new UserRow(new EnumMap<>(values));
        }

        /** The row as set, changed at {@code now} ({@code updated_at}). */
        public UserRow build(Instant now) {
            return set(UPDATED_AT, now).build();
        }
    }
}
