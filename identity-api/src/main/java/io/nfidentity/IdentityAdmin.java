package io.nfidentity;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * User management for server code (JAX-RS resources, EJBs, CDI beans, scheduled jobs): the {@code admin} export of
 * {@code @netlify/identity}. Inject it anywhere; it needs no request and no logged-in user, so guard the endpoints
 * that expose it with {@code @RolesAllowed}.
 *
 * <p>Each write runs in its own transaction (or joins the caller's) and fires the lifecycle events of
 * {@code io.nfidentity.event}: {@code UserValidate} before a user is created, {@code UserModified} before a change is
 * stored, {@code UserDeleted} after a deletion. A denial by an observer throws and stores nothing.
 */
public interface IdentityAdmin {

    /**
     * One page of users, by creation time, optionally filtered. Pages are addressed by number (GoTrue's way) or, for
     * speed at any depth, by the opaque {@link UserPage#nextCursor() cursor} of the previous page.
     *
     * @param query what to list; {@link UserQuery#firstPage(int)} to start
     * @return the page
     * @throws BadPaginationException (400 {@code bad_pagination}) for a page below 1, a size out of 1 to 1000, or a cursor
     *     that is not one this server issued
     */
    UserPage listUsers(UserQuery query);

    /**
     * A page by number, newest first, with the total: GoTrue's {@code GET /admin/users?page=&per_page=}.
     *
     * @param page the page number, from 1
     * @param perPage users per page, 1 to 1000
     * @return the page, with {@link UserPage#total()}
     */
    default UserPage listUsers(int page, int perPage) {
        return listUsers(UserQuery.firstPage(perPage).page(page).withTotal());
    }

    /**
     * @param id the user's id
     * @return the user, or empty when no user has that id
     */
    Optional<User> getUser(UUID id);

    /**
     * @param email the address, in any case
     * @return the user, or empty when no user has that address
     */
    Optional<User> findByEmail(String email);

    /**
     * Creates a user, with provider {@code email}. Fires {@code UserValidate}, which may deny it or change its metadata.
     *
     * <p>A user brought from another system keeps its password: give {@link NewUser#passwordHash(String)} instead of
     * a password, in one of these forms: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}, cost 4 to 17), Argon2id
     * or Argon2i in PHC form ({@code $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>}, base64 without padding, at most
     * 256 MiB, 20 passes and 16 lanes), PBKDF2-SHA256 in PHC form ({@code $pbkdf2-sha256$i=600000$<salt>$<hash>},
     * base64 without padding) or Django's ({@code pbkdf2_sha256$600000$<salt>$<base64 hash>}), 1,000 to 5,000,000
     * iterations. The first login with the right password replaces it with the configured Argon2id.
     *
     * @param user the new user's fields
     * @return the user as stored
     * @throws ValidationException (422) for an invalid email or a password that breaks the policy; 422
     *     {@code password_hash_unsupported} for a hash in none of the forms above, or both a password and a hash
     * @throws EmailExistsException (422 {@code email_exists}) when the address is taken
     */
    User createUser(NewUser user);

    /**
     * Changes a user. Metadata maps merge key by key into what is stored, and a {@code null} value deletes its key
     * (GoTrue's rule); other fields replace. A new password ends all of the user's sessions. Fires
     * {@code UserModified} with the user as it would be stored.
     *
     * @param id the user's id
     * @param changes what to change; absent ({@code null}) fields stay as they are
     * @return the user as stored
     * @throws UserNotFoundException (404) when no user has that id
     * @throws ValidationException (422) for an invalid email or a password that breaks the policy
     * @throws EmailExistsException (422) when the new address belongs to another user
     */
    User updateUser(UUID id, UserChanges changes);

    /**
     * Deletes a user. Its refresh tokens go with it, so its sessions cannot be refreshed from this moment. Fires
     * {@code UserDeleted} afterwards.
     *
     * @param id the user's id
     * @throws UserNotFoundException (404) when no user has that id
     */
    void deleteUser(UUID id);

    /**
     * Suspends a user until a time, or indefinitely: no password login (the right password answers 403
     * {@code user_banned}, a wrong one the usual 400), no refresh, no confirmation or recovery link. Every session ends
     * at once: refresh tokens are revoked and access tokens issued before this second are refused. Fires
     * {@code UserModified} with {@link User#bannedUntil()} set.
     *
     * @param id the user's id
     * @param until when the suspension ends by itself; {@code null} for never (until {@link #restoreUser})
     * @return the user as stored
     * @throws UserNotFoundException (404) when no user has that id
     */
    User suspendUser(UUID id, java.time.Instant until);

    /**
     * Lifts a suspension. Fires {@code UserModified}. Sessions ended by the suspension stay ended.
     *
     * @param id the user's id
     * @return the user as stored
     * @throws UserNotFoundException (404) when no user has that id
     */
    User restoreUser(UUID id);

    /**
     * Imports users from JSON lines, one user per line: GoTrue's user JSON ({@code email}, and optionally {@code id},
     * {@code role}, {@code confirmed_at}, {@code created_at}, {@code app_metadata}, {@code user_metadata}) plus
     * {@code password_hash} (or GoTrue's {@code encrypted_password}) in a form {@link #createUser} reads. Lines are
     * read as they come and stored in batches of 1,000 non-blank lines, each batch whole or not at all, in one
     * transaction. A line that is not valid, or names an address or id that exists (in the database or earlier in the
     * input), is refused with its reason, and then nothing of its batch is stored: its other lines are reported as
     * not stored, naming the line that stopped them. Other batches go on. No lifecycle event fires for imported users;
     * one audit entry records the import.
     *
     * @param jsonLines the input, closed by the caller
     * @return how many users were stored, and the lines refused with the reason
     */
    ImportReport importUsers(java.io.Reader jsonLines);

    /**
     * Writes every user as one JSON line, oldest first, in the form {@link #importUsers} reads; streamed in pages, so
     * a million users need no more memory than one page.
     *
     * @param out where the lines go; flushed, not closed
     * @param withPasswordHashes include {@code password_hash}; only when {@code nf.identity.export.password-hashes} is
     *     {@code true}
     * @return how many users were written
     * @throws IdentityException 403 {@code export_hashes_disabled} when hashes are asked for but not allowed
     */
    long exportUsers(java.io.Writer out, boolean withPasswordHashes);

    /**
     * What {@link #importUsers} did.
     *
     * @param imported how many users were stored
     * @param refused refused lines, at most 1,000, ordered by line
     * @param refusedTotal how many lines were refused in all
     */
    record ImportReport(long imported, List<Refusal> refused, long refusedTotal) {
        /** Copies the list. */
        public ImportReport {
            refused = List.copyOf(refused);
        }

        /**
         * @param line the line's number, from 1
         * @param reason why it was not stored
         */
        public record Refusal(long line, String reason) {}
    }

    /**
     * The user's live sessions, newest first: where and how each started and when it was last refreshed.
     *
     * @param id the user's id
     * @return the sessions; empty for a user without any (or an unknown user)
     */
    List<UserSession> listSessions(UUID id);

    /**
     * Ends one session of the user ("log out that other device"): its refresh tokens at once, its access tokens from
     * the next request on this node (other nodes as soon as PostgreSQL tells them, else within
     * {@code nf.identity.session-state-ttl}).
     *
     * @param id the user's id
     * @param sessionId the session's {@link UserSession#id()}
     * @throws IdentityException 404 {@code session_not_found} when the user has no such live session
     */
    void endSession(UUID id, UUID sessionId);

    /**
     * Ends every session of the user, as {@code POST /logout} does: refresh tokens revoked, access tokens issued
     * before this second refused.
     *
     * @param id the user's id
     * @throws UserNotFoundException (404) when no user has that id
     */
    void endSessions(UUID id);

    /**
     * One page of the audit log, newest first: every identity action (signups, logins and failed logins, logouts,
     * refreshes, reuse detections, recoveries, changes of password, address and roles, deletions, rate-limit
     * refusals), with who did it and from where. Entries older than {@code nf.identity.audit.retention-days} are
     * purged.
     *
     * @param query what to list; {@link AuditQuery#firstPage(int)} to start
     * @return the page
     * @throws BadPaginationException (400 {@code bad_pagination}) for a page below 1, a size out of 1 to 1000, or a cursor
     *     that is not one this server issued
     */
    AuditPage auditLog(AuditQuery query);

    /**
     * The external provider accounts linked to the user (GitHub, Google, an OpenID Connect provider...), oldest first.
     *
     * @param id the user's id
     * @return the identities; empty for an unknown user or one who only has a password
     */
    List<UserIdentity> identities(UUID id);

    /**
     * The user's second factors, oldest first, verified or not: for an administrator helping someone who lost their
     * authenticator.
     *
     * @param id the user's id
     * @return the factors; empty for an unknown user or one without any
     */
    List<Factor> factors(UUID id);

    /**
     * Removes a factor of the user (a lost authenticator), audited as {@code factor_removed} with
     * {@code traits.by: admin}. When it was verified, every session of the user drops to {@link AssuranceLevel#AAL1}
     * and access tokens issued at level 2 are refused on every node; the user's recovery codes go with the last
     * verified factor.
     *
     * @param id the user's id
     * @param factorId the factor's id
     * @throws IdentityException 404 {@code mfa_factor_not_found} when the user has no such factor
     */
    void deleteFactor(UUID id, UUID factorId);

    /**
     * The user's passkeys, oldest first (never a public key or credential id).
     *
     * @param id the user's id
     * @return the passkeys; empty for an unknown user or one without any
     */
    List<Passkey> passkeys(UUID id);

    /**
     * Removes a passkey of the user (a lost or stolen device), audited as {@code passkey_removed} with
     * {@code traits.by: admin}; every session of the user drops to {@link AssuranceLevel#AAL1}, on every node.
     *
     * @param id the user's id
     * @param passkeyId the passkey's id
     * @throws IdentityException 404 {@code passkey_not_found} when the user has no such passkey
     */
    void deletePasskey(UUID id, UUID passkeyId);

    /**
     * Asynchronous notifications in one state, newest first: {@link Notification.State#FAILED} for the deliveries
     * that were given up (each also audited as {@code notification_failed}). Kept for
     * {@code nf.identity.notify.retention-days} (pending ones until they end).
     *
     * @param state which to list
     * @param limit at most this many (1 to 1000)
     * @return the notifications
     */
    List<Notification> notifications(Notification.State state, int limit);

    /**
     * Sends a failed notification again, now, with its attempts counted afresh and the same delivery id (a receiver
     * that did take an earlier try drops the repeat). Audited as {@code notification_retried}.
     *
     * @param id the delivery id
     * @return the notification, pending
     * @throws IdentityException 404 {@code notification_not_found} unless it exists and failed
     */
    Notification retryNotification(UUID id);

    /**
     * Every key that signs or verifies access tokens, newest first, with its state; never a private key or the HS256
     * secret.
     *
     * @return the keys, retired ones included
     */
    List<SigningKey> signingKeys();

    /**
     * Adds a key of the configured algorithm ({@code nf.identity.jwt.algorithm}) as {@link SigningKey.State#NEXT}:
     * published in the JWKS at once, signing only once promoted. Wait at least the JWKS cache time
     * ({@code nf.identity.jwt.jwks-max-age}) before promoting it, so every verifier knows it first. Audited.
     *
     * @return the new key
     * @throws SigningKeyException 409 when HS256 is configured (its key is the configured secret) or a next key
     *     already exists
     */
    SigningKey addSigningKey();

    /**
     * Makes the next key current: every token from now on is signed with it. The key that was current becomes
     * previous and keeps verifying the tokens it signed until they expire, so nobody is logged out. Audited.
     *
     * @param kid the next key's id
     * @return the promoted key
     * @throws SigningKeyException 404 for an unknown key, 409 when it is not the next key
     */
    SigningKey promoteSigningKey(String kid);

    /**
     * Retires a previous (or a next) key: it is no longer published, and tokens it signed are refused from now on
     * (on other nodes within {@code nf.identity.jwt.keys-refresh}). A previous key is retired on its own once
     * {@link SigningKey#verifiesUntil()} has passed. Audited.
     *
     * @param kid the key's id
     * @param force retire a previous key even though tokens it signed may still be valid (a leaked key): their
     *     holders must log in again, or refresh their session
     * @return the retired key
     * @throws SigningKeyException 404 for an unknown key, 409 for the current key, for a key already retired, or for
     *     a previous key still verifying without {@code force}
     */
    SigningKey retireSigningKey(String kid, boolean force);

    /**
     * One page of {@link #auditLog(AuditQuery)}.
     *
     * @param entries the entries of the page, newest first
     * @param total how many entries match the query, when it asked for the total
     * @param nextCursor where the next page starts, or {@code null} on the last page
     */
    record AuditPage(List<AuditEntry> entries, OptionalLong total, String nextCursor) {
        /** Copies the list so the page cannot change afterwards. */
        public AuditPage {
            entries = List.copyOf(entries);
            total = total == null ? OptionalLong.empty() : total;
        }
    }

    /**
     * One page of {@link #listUsers(UserQuery)}.
     *
     * @param users the users of the page, in order
     * @param total how many users match the query, when it asked for the total
     * @param nextCursor where the next page starts, or {@code null} on the last page
     */
    record UserPage(List<User> users, OptionalLong total, String nextCursor) {
        /** Copies the list so the page cannot change afterwards. */
        public UserPage {
            users = List.copyOf(users);
            total = total == null ? OptionalLong.empty() : total;
        }
    }
}
