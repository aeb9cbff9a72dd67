package io.nfidentity.impl.token;

import io.nfidentity.AssuranceLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The verified content of an access token. Only {@link AccessTokens#verify(String)} creates one, after checking the
 * signature, the algorithm and the expiry, so holding a {@code Claims} means the token was genuine.
 *
 * @param subject the user id ({@code sub})
 * @param email the {@code email} claim
 * @param expiresAt the {@code exp} claim
 * @param appMetadata the {@code app_metadata} claim, never null
 * @param userMetadata the {@code user_metadata} claim, never null
 * @param roles {@code app_metadata.roles} when it is a list of strings, else empty
 * @param authTime OpenID Connect's {@code auth_time}: when the session was authenticated; {@code null} when the token
 *     has none (only tokens issued with {@code nf.identity.reauthentication-window} set carry it)
 * @param sessionId the {@code session_id} claim: the session (refresh-token family) the token was issued for;
 *     {@code null} for tokens without one (issued before sessions were recorded, or minted elsewhere)
 * @param aal the {@code aal} claim; {@link AssuranceLevel#AAL1} when absent
 */
public record Claims(
        UUID subject,
        String email,
        Instant expiresAt,
        Map<String, Object> appMetadata,
        Map<String, Object> userMetadata,
        List<String> roles,
        Instant authTime,
        UUID sessionId,
        AssuranceLevel aal) {

    public Claims {
        aal = aal == null ? AssuranceLevel.AAL1 : aal;
    }

    /** Claims at level 1. */
    public Claims(
            UUID subject,
            String email,
            Instant expiresAt,
            Map<String, Object> appMetadata,
            Map<String, Object> userMetadata,
            List<String> roles,
            Instant authTime,
            UUID sessionId) {
        this(subject, email, expiresAt, appMetadata, userMetadata, roles, authTime, sessionId, null);
    }

    /** Claims without {@code session_id}. */
    public Claims(
            UUID subject,
            String email,
            Instant expiresAt,
            Map<String, Object> appMetadata,
            Map<String, Object> userMetadata,
            List<String> roles,
            Instant authTime) {
        this(subject, email, expiresAt, appMetadata, userMetadata, roles, authTime, null);
    }

    /** Claims without {@code auth_time}. */
    public Claims(
            UUID subject,
            String email,
            Instant expiresAt,
            Map<String, Object> appMetadata,
            Map<String, Object> userMetadata,
            List<String> roles) {
        this(subject, email, expiresAt, appMetadata, userMetadata, roles, null);
    }

    /** The user as the token describes it, without the timestamps only the database has. */
    public io.nfidentity.User toUser() {
        return new io.nfidentity.User(
                        subject, email, null, null, null, null, List.of(), null, null, null, null, null, null, null,
                        null, null, null, null, null)
                .withMetadata(appMetadata, userMetadata);
    }

    /** Reads {@code app_metadata.roles} the way {@code @netlify/identity} does: a list of strings or nothing. */
    public static List<String> rolesOf(Map<String, Object> appMetadata) {
        Object roles = appMetadata == null ? null : appMetadata.get("roles");
        if (roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        return List.of();
    }
}
