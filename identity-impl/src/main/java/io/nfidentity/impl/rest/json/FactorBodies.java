package io.nfidentity.impl.rest.json;

import io.nfidentity.ValidationException;
import io.nfidentity.impl.error.Problem;
import jakarta.json.JsonObject;
import java.util.UUID;

/** The bodies of the factor endpoints, read and checked before anything else runs. */
public final class FactorBodies {
    private static final int MAX_NAME = 100;

    private FactorBodies() {}

    /** {@code POST /factors}. */
    public record Enroll(String factorType, String friendlyName, String issuer) {
        public static Enroll read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            String type = JsonBodies.string(b, "factor_type");
            String name = blankToNull(JsonBodies.string(b, "friendly_name"));
            String issuer = blankToNull(JsonBodies.string(b, "issuer"));
            if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
                throw new ValidationException("friendly_name must be at most 100 printable characters");
            }
            if (issuer != null
                    && (issuer.length() > MAX_NAME
                            || issuer.contains(":")
                            || issuer.chars().anyMatch(Character::isISOControl))) {
                throw new ValidationException("issuer must be at most 100 printable characters without ':'");
            }
            return new Enroll(type, name, issuer);
        }
    }

    /** {@code POST /factors/{id}/verify}: the challenge and the code (or a recovery code). */
    public record Verify(UUID challengeId, String code) {
        public static Verify read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            String challenge = JsonBodies.string(b, "challenge_id");
            String code = JsonBodies.string(b, "code");
            if (challenge == null || challenge.isBlank()) {
                throw new ValidationException("Verification requires a challenge_id");
            }
            if (code == null || code.isBlank()) {
                throw new ValidationException("Verification requires a code");
            }
            return new Verify(uuid(challenge), code.trim());
        }

        /** A body field, not a path: refused as our own 400, in the canonical spelling only (as {@link IdParams}). */
        private static UUID uuid(String text) {
            try {
                UUID id = UUID.fromString(text);
                if (id.toString().equalsIgnoreCase(text)) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // refused below
            }
            throw Problem.BAD_CHALLENGE_ID.exception();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
