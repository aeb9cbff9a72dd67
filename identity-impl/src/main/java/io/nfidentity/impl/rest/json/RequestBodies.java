package io.nfidentity.impl.rest.json;

import io.nfidentity.UserChanges;
import io.nfidentity.ValidationException;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.mail.MailKind;
import jakarta.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every request body of the GoTrue API, read and type-checked before any work is done: a wrong type is a 422, a
 * missing body a 400, and nothing else can come out of here ({@code RequestBodyFuzzTest} feeds these arbitrary
 * bytes). Checks that need the database or the configuration stay with the services.
 */
public final class RequestBodies {
    private RequestBodies() {}

    /** {@code POST /signup}. */
    public record Signup(String email, String password, Map<String, Object> data) {
        public static Signup read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            return new Signup(
                    JsonBodies.string(b, "email"), JsonBodies.string(b, "password"), JsonBodies.map(b, "data"));
        }
    }

    /**
     * {@code POST /verify}: the mailed token, its kind, and for an invite or recovery optionally a password; or a
     * sign-in by mail ({@code type} {@code email} or {@code magiclink}, Supabase's): a code with its {@code email}, or
     * a link's token alone.
     */
    public record Verify(String token, Set<MailKind> kinds, String password, boolean signIn, String email) {
        public static Verify read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            String type = JsonBodies.string(b, "type");
            String token = JsonBodies.string(b, "token");
            if (type == null || type.isBlank() || token == null || token.isBlank()) {
                throw new ValidationException("Verify requires a token and a type");
            }
            if (type.equals("email") || type.equals("magiclink")) {
                return new Verify(token, Set.of(MailKind.MAGIC_LINK), null, true, JsonBodies.string(b, "email"));
            }
            Set<MailKind> kinds =
                    switch (type) {
                        case "signup" -> Set.of(MailKind.CONFIRMATION, MailKind.INVITE);
                        case "invite" -> Set.of(MailKind.INVITE);
                        case "recovery" -> Set.of(MailKind.RECOVERY);
                        default -> throw new ValidationException(
                                "Verify requires a verification type: signup, invite, recovery, email or magiclink");
                    };
            return new Verify(token, kinds, JsonBodies.string(b, "password"), false, null);
        }
    }

    /** {@code POST /user/identities}: the provider to link, and where the browser returns. */
    public record LinkIdentity(String provider, String redirectTo) {
        public static LinkIdentity read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            String provider = JsonBodies.string(b, "provider");
            if (provider == null || provider.isBlank()) {
                throw new ValidationException("Linking requires a provider");
            }
            return new LinkIdentity(provider, JsonBodies.string(b, "redirect_to"));
        }
    }

    /** {@code POST /recover}. */
    public record Recover(String email) {
        public static Recover read(JsonObject body) {
            String email = JsonBodies.string(JsonBodies.require(body), "email");
            if (email == null || email.isBlank()) {
                throw new ValidationException("Password recovery requires an email");
            }
            return new Recover(email);
        }
    }

    /** {@code POST /otp} (Supabase's) and {@code POST /magiclink} (GoTrue's): {@code create_user} is on unless false. */
    public record Otp(String email, boolean createUser, Map<String, Object> data) {
        public static Otp read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            String email = JsonBodies.string(b, "email");
            if (email == null || email.isBlank()) {
                throw new ValidationException("A sign-in code requires an email");
            }
            boolean create = !b.containsKey("create_user") || b.get("create_user") != jakarta.json.JsonValue.FALSE;
            return new Otp(email, create, JsonBodies.map(b, "data"));
        }
    }

    /** {@code POST /invite}. */
    public record Invite(String email, Map<String, Object> data) {
        public static Invite read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            return new Invite(JsonBodies.string(b, "email"), JsonBodies.map(b, "data"));
        }
    }

    /** {@code PUT /user}. */
    public record SelfUpdate(
            String email,
            String password,
            Map<String, Object> data,
            Map<String, Object> appMetadata,
            String emailChangeToken) {
        public static SelfUpdate read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            return new SelfUpdate(
                    JsonBodies.string(b, "email"),
                    JsonBodies.string(b, "password"),
                    JsonBodies.map(b, "data"),
                    JsonBodies.map(b, "app_metadata"),
                    JsonBodies.string(b, "email_change_token"));
        }
    }

    /** {@code POST /admin/users}. */
    public record AdminCreate(
            String email,
            String password,
            boolean confirm,
            Map<String, Object> appMetadata,
            Map<String, Object> userMetadata,
            List<String> roles,
            String role,
            String passwordHash) {
        public static AdminCreate read(JsonObject body) {
            JsonObject b = JsonBodies.require(body);
            Map<String, Object> app = JsonBodies.map(b, "app_metadata");
            return new AdminCreate(
                    JsonBodies.string(b, "email"),
                    JsonBodies.string(b, "password"),
                    Boolean.TRUE.equals(JsonBodies.bool(b, "confirm")),
                    app == null ? Map.of() : app,
                    JsonBodies.map(b, "user_metadata"),
                    rolesOf(app),
                    JsonBodies.string(b, "role"),
                    JsonBodies.string(b, "password_hash"));
        }
    }

    /** Go's duration syntax, as Supabase reads {@code ban_duration}: {@code 24h}, {@code 1h30m}, {@code 90s}. */
    private static final java.util.regex.Pattern GO_DURATION =
            java.util.regex.Pattern.compile("(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");

    /**
     * The {@code ban_duration} of an admin update: absent ({@code null}), {@code none} (lift the suspension:
     * {@link java.time.Duration#ZERO}), or a positive duration in Go's syntax (hours, minutes, seconds).
     */
    public static java.time.Duration banDuration(JsonObject body) {
        String value = JsonBodies.string(JsonBodies.require(body), "ban_duration");
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.equals("none")) {
            return java.time.Duration.ZERO;
        }
        java.util.regex.Matcher m = GO_DURATION.matcher(v);
        if (v.isEmpty() || !m.matches()) {
            throw Problem.BAD_BAN_DURATION.exception();
        }
        java.time.Duration d = java.time.Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        if (d.isZero()) {
            throw Problem.BAD_BAN_DURATION.exception();
        }
        return d;
    }

    /** {@code PUT /admin/users/{id}}. */
    public static UserChanges adminUpdate(JsonObject body) {
        JsonObject b = JsonBodies.require(body);
        return new UserChanges(
                JsonBodies.string(b, "email"),
                JsonBodies.string(b, "password"),
                JsonBodies.bool(b, "confirm"),
                JsonBodies.string(b, "role"),
                null,
                JsonBodies.map(b, "app_metadata"),
                JsonBodies.map(b, "user_metadata"));
    }

    /**
     * {@code POST /token}'s form. The first value of a repeated field wins; a field with a broken %-escape is left
     * out, so the grant fails as incomplete.
     */
    /**
     * {@code POST /token} as Supabase's clients send it: JSON, {@code grant_type} in the query (or the body),
     * {@code email} (or {@code username}) and {@code password}, or {@code refresh_token}; read into the form's names.
     *
     * @throws IllegalArgumentException for a body that is not a JSON object, or a field that is not a string
     */
    public static Map<String, String> tokenJson(String body, String queryGrant) {
        jakarta.json.JsonObject o;
        try (jakarta.json.JsonReader r =
                jakarta.json.Json.createReader(new java.io.StringReader(body == null ? "" : body))) {
            o = r.readObject();
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("The body must be a JSON object");
        }
        Map<String, String> out = new HashMap<>();
        for (String name : List.of("grant_type", "email", "username", "password", "refresh_token")) {
            jakarta.json.JsonValue v = o.get(name);
            if (v == null || v.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
                continue;
            }
            if (!(v instanceof jakarta.json.JsonString str)) {
                throw new IllegalArgumentException(name + " must be a string");
            }
            out.put(name, str.getString());
        }
        if (queryGrant != null && !queryGrant.isBlank()) {
            out.put("grant_type", queryGrant);
        }
        String email = out.remove("email");
        if (email != null) {
            out.putIfAbsent("username", email);
        }
        return out;
    }

    public static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // ignored, see above
                }
            }
        }
        return out;
    }

    private static List<String> rolesOf(Map<String, Object> app) {
        if (app == null || app.get("roles") == null) {
            return List.of();
        }
        if (app.get("roles") instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
            return l.stream().map(String.class::cast).toList();
        }
        throw Problem.INVALID_FIELD.exception("app_metadata.roles must be a list of strings");
    }
}
