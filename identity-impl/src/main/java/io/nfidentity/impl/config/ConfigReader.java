package io.nfidentity.impl.config;

import io.nfidentity.impl.error.LogId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Turns MicroProfile Config into an {@link IdentityConfig}, failing with one message that lists every bad key, so an
 * operator fixes the configuration in one go instead of one restart per mistake.
 */
public final class ConfigReader {
    public static final String PREFIX = "nf.identity.";
    /** HS256 needs a key at least as long as its output: 256 bits (RFC 7518, 3.2). */
    static final int MIN_SECRET_BYTES = 32;
    /** The signing algorithms of {@code nf.identity.jwt.algorithm}, spelt as in a token's {@code alg} header. */
    public static final List<String> ALGORITHMS = SigningAlgorithm.names();

    private final Function<String, Optional<String>> source;
    private final StringBuilder problems = new StringBuilder();
    /** Every full key this reader asked for, in order: the list the configuration table is checked against. */
    private final java.util.Set<String> asked = new java.util.LinkedHashSet<>();

    ConfigReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** Reads from MicroProfile Config. */
    public static IdentityConfig read(Config config) {
        return new ConfigReader(key -> config.getOptionalValue(key, String.class)).read();
    }

    /** Reads from a plain map of full keys; for tests and tools that have no MicroProfile Config. */
    public static IdentityConfig read(java.util.Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key))).read();
    }

    /**
     * The full keys a reading of {@code values} asks for. Which keys are read depends on the values (a generic
     * provider's keys only when it is listed, a key-encryption key only for an asymmetric algorithm), so a caller that
     * wants every key passes values that take every branch. Problems with the values do not stop the list.
     */
    static java.util.Set<String> keysAskedFor(java.util.Map<String, String> values) {
        ConfigReader reader = new ConfigReader(key -> Optional.ofNullable(values.get(key)));
        try {
            reader.read();
        } catch (IllegalStateException invalid) {
            // the list is what is wanted here, not the configuration
        }
        return java.util.Collections.unmodifiableSet(reader.asked);
    }

    IdentityConfig read() {
        IdentityConfig.Keys keys = keys();
        byte[] secret = string("jwt.secret", "").getBytes(StandardCharsets.UTF_8);
        if (secret.length == 0 && !keys.asymmetric()) {
            problem(
                    "jwt.secret is not set: set nf.identity.jwt.secret (or the environment variable NF_IDENTITY_JWT_SECRET)"
                            + " to a random string of at least " + MIN_SECRET_BYTES + " bytes, e.g. the output of"
                            + " `openssl rand -base64 48`");
        } else if (secret.length > 0 && secret.length < MIN_SECRET_BYTES) {
            problem("jwt.secret is " + secret.length + " bytes long; HS256 needs at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits): use e.g. `openssl rand -base64 48`");
        }
        String sameSite = string("cookie.same-site", "Lax");
        if (!List.of("strict", "lax", "none").contains(sameSite.toLowerCase(Locale.ROOT))) {
            problem("cookie.same-site must be Strict, Lax or None, not '" + sameSite + "'");
        }
        boolean secure = bool("cookie.secure", true);
        if (sameSite.equalsIgnoreCase("none") && !secure) {
            problem("cookie.same-site=None requires cookie.secure=true (browsers drop such cookies otherwise)");
        }
        String adminEmail = string("bootstrap-admin.email", "");
        String adminPassword = string("bootstrap-admin.password", "");
        if (adminEmail.isEmpty() && !adminPassword.isEmpty()) {
            problem("bootstrap-admin.password is set without bootstrap-admin.email");
        }
        String operatorToken = string("operator-token", "");
        if (!operatorToken.isEmpty() && operatorToken.length() < MIN_SECRET_BYTES) {
            problem("operator-token must be at least " + MIN_SECRET_BYTES + " characters (or empty to disable it)");
        }
        String engine = string("argon2.engine", "auto").toLowerCase(Locale.ROOT);
        if (!List.of("auto", "native", "java").contains(engine)) {
            problem("argon2.engine must be auto, native or java, not '" + engine + "'");
        }
        IdentityConfig config = new IdentityConfig(
                tokens(secret),
                new IdentityConfig.Sessions(
                        seconds("refresh-token.ttl", 30L * 24 * 3600, 60, 365L * 24 * 3600),
                        seconds("refresh-token.reuse-interval", 10, 0, 300),
                        secure,
                        capitalize(sameSite)),
                new IdentityConfig.Accounts(
                        bool("autoconfirm", false),
                        bool("disable-signup", false),
                        string("admin-role", "admin"),
                        operatorToken,
                        adminEmail,
                        adminPassword,
                        bool("export.password-hashes", false),
                        new FactorReader(this).mfa(),
                        new FactorReader(this).passkeys(),
                        new HookReader(this).read()),
                passwords(engine),
                new IdentityConfig.Storage(
                        string("datasource", ""), // empty: the platform's default datasource (Database.lookup)
                        seconds("purge-interval", 600, 1, 86_400),
                        Duration.ofDays(number("audit.retention-days", 90, 1, 36_500))),
                keys,
                new ExternalReader(this).read(),
                mail(),
                limits(),
                exposure(secret, adminPassword));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    LogId.CONFIG_INVALID + ": nf-identity is not configured correctly:" + problems);
        }
        return config;
    }

    private IdentityConfig.Tokens tokens(byte[] secret) {
        return new IdentityConfig.Tokens(
                secret,
                seconds("jwt.exp", 3600, 60, 86_400),
                string("jwt.aud", ""),
                seconds("jwt.clock-skew", 30, 0, 300),
                integer("jwt.cache-size", 10_000, 0, 1_000_000),
                number("jwt.cache-bytes", 16L * 1024 * 1024, 0, 1024L * 1024 * 1024),
                seconds("reauthentication-window", 0, 0, 30L * 86_400),
                seconds("session-state-ttl", 5, 1, 3600));
    }

    private IdentityConfig.Passwords passwords(String engine) {
        return new IdentityConfig.Passwords(
                integer("password.min-length", 8, 1, 1024),
                integer("argon2.memory-kib", 19_456, 1024, 1_048_576),
                integer("argon2.iterations", 2, 1, 100),
                integer("argon2.parallelism", 1, 1, 16),
                engine,
                // the hash is CPU bound: more at once than cores gains nothing and holds more memory
                integer("password.max-concurrent-hashes", Runtime.getRuntime().availableProcessors(), 1, 1024),
                // 0: a quarter of the heap (PasswordHasher)
                integer("password.memory-budget-mib", 0, 0, 1_048_576),
                millis("password.hash-wait-ms", 5_000, 10, 120_000));
    }

    private IdentityConfig.Limits limits() {
        return new IdentityConfig.Limits(
                integer("limits.account.free", 5, 0, 1_000_000),
                integer("limits.account.per-hour", 100, 1, 1_000_000),
                integer("limits.address.free", 30, 0, 1_000_000),
                integer("limits.address.per-hour", 1000, 1, 10_000_000),
                seconds("limits.max-delay", 60, 1, 3600));
    }

    /**
     * The secrets published in this repository, the sample's and the starter's (every project made from the archetype
     * has it until changed): with one in use, as with the sample's administrator password or key below, the server
     * starts only if told to answer on loopback alone.
     */
    static final List<String> PUBLISHED_SECRETS = List.of(
            "sample-only-secret-do-not-use-in-production-7c1f3a",
            "starter-only-secret-replace-before-you-deploy-5e9b2d");

    static final List<String> PUBLISHED_PASSWORDS = List.of("change-me-now");

    /** The sample's key-encryption key (it seals the factors' secrets there), published the same way. */
    static final List<String> PUBLISHED_KEYS = List.of("sample-only-key-encryption-key-do-not-use-8d2e4b");

    private IdentityConfig.Exposure exposure(byte[] secret, String adminPassword) {
        boolean loopbackOnly = bool("loopback-only", false);
        boolean published = PUBLISHED_SECRETS.stream()
                        .anyMatch(s -> java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), secret))
                || PUBLISHED_PASSWORDS.contains(adminPassword)
                || PUBLISHED_KEYS.contains(string("jwt.key-encryption-key", ""));
        if (published && !loopbackOnly) {
            problem("jwt.secret, jwt.key-encryption-key or bootstrap-admin.password is the sample's or the"
                    + " starter's, published in nf-identity's repository:"
                    + " set your own, or set loopback-only=true to run it on this machine only");
        }
        return new IdentityConfig.Exposure(
                bool("host-check", true),
                loopbackOnly,
                list("allowed-origins"),
                bool("rest.enabled", true),
                integer("max-body-bytes", 65_536, 1024, 64 * 1024 * 1024),
                bool("console.enabled", false),
                metricsToken());
    }

    /** The bearer token Prometheus scrapes {@code /metrics} with; empty: the endpoint is off (404). */
    private String metricsToken() {
        String token = string("metrics.token", "");
        if (!token.isEmpty() && token.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problem("metrics.token must be at least " + MIN_SECRET_BYTES + " characters (a random string, given to"
                    + " Prometheus as its bearer token), or unset to keep /metrics off");
        }
        return token;
    }

    /** The signing algorithm and, for an asymmetric one, the key that seals private keys in the database. */
    private IdentityConfig.Keys keys() {
        String algorithm = string("jwt.algorithm", SigningAlgorithm.HS256.jws());
        String canonical =
                SigningAlgorithm.of(algorithm).map(SigningAlgorithm::jws).orElse(null);
        if (canonical == null) {
            problem("jwt.algorithm must be one of " + ALGORITHMS + ", not '" + algorithm + "'");
            canonical = SigningAlgorithm.HS256.jws();
        }
        byte[] kek = string("jwt.key-encryption-key", "").getBytes(StandardCharsets.UTF_8);
        if (!canonical.equals(SigningAlgorithm.HS256.jws()) && kek.length < MIN_SECRET_BYTES) {
            problem("jwt.key-encryption-key must be set to a random string of at least " + MIN_SECRET_BYTES
                    + " bytes when jwt.algorithm is " + canonical + ": it seals the private signing keys kept in the"
                    + " database (every node needs the same one); e.g. `openssl rand -base64 48`");
        }
        return new IdentityConfig.Keys(
                canonical,
                kek,
                seconds("jwt.jwks-max-age", 300, 0, 86_400),
                seconds("jwt.keys-refresh", 30, 1, 3600),
                bool("jwt.switch-algorithm", false));
    }

    private IdentityConfig.Mail mail() {
        String site = string("site-url", "");
        if (site.isEmpty()) {
            // GoTrue requires SITE_URL for the same reason: a link taken from the request's Host header would mail
            // the victim's token to whoever sent that header
            problem("site-url is not set: mailed links (confirmation, recovery, invitation, email change) point to"
                    + " it and never to a request header; set it to your site's origin, e.g. https://example.com");
        } else if (!site.matches("https?://[^/\\s]+")) {
            problem("site-url must be an origin like https://example.com (scheme and host, no path), not '" + site
                    + "'");
        }
        String path = string("mail.link-path", "/");
        if (!path.startsWith("/")) {
            problem("mail.link-path must start with /");
        }
        String magiclinkPath = string("mail.magiclink-path", "/.netlify/identity/account/");
        if (!magiclinkPath.startsWith("/")) {
            problem("mail.magiclink-path must start with /");
        }
        return new IdentityConfig.Mail(
                site,
                path,
                string("mail.from", "nf-identity@localhost"),
                new IdentityConfig.Smtp(
                        string("smtp.host", "localhost"),
                        integer("smtp.port", 25, 1, 65535),
                        string("smtp.username", ""),
                        string("smtp.password", ""),
                        bool("smtp.starttls", false)),
                seconds("mail.confirmation-ttl", 86_400, 60, 30L * 86_400),
                seconds("mail.invite-ttl", 7 * 86_400, 60, 30L * 86_400),
                seconds("mail.recovery-ttl", 86_400, 60, 30L * 86_400),
                seconds("mail.email-change-ttl", 86_400, 60, 30L * 86_400),
                seconds("mail.resend-interval", 900, 0, 86_400),
                new IdentityConfig.MagicLink(magiclinkPath, seconds("mail.magiclink-ttl", 600, 60, 3_600)));
    }

    void problem(String text) {
        problems.append("\n  - ").append(PREFIX).append(text);
    }

    String string(String key, String dflt) {
        asked.add(PREFIX + key);
        return source.apply(PREFIX + key).map(String::trim).orElse(dflt);
    }

    boolean bool(String key, boolean dflt) {
        String v = string(key, Boolean.toString(dflt)).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            problem(key + " must be true or false, not '" + v + "'");
            return dflt;
        }
        return Boolean.parseBoolean(v);
    }

    int integer(String key, int dflt, int min, int max) {
        return (int) number(key, dflt, min, max);
    }

    Duration seconds(String key, long dflt, long min, long max) {
        return Duration.ofSeconds(number(key, dflt, min, max));
    }

    private Duration millis(String key, long dflt, long min, long max) {
        return Duration.ofMillis(number(key, dflt, min, max));
    }

    private long number(String key, long dflt, long min, long max) {
        String v = string(key, Long.toString(dflt));
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                problem(key + " must be between " + min + " and " + max + ", not " + n);
                return dflt;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(key + " must be a whole number, not '" + v + "'");
            return dflt;
        }
    }

    List<String> list(String key) {
        String v = string(key, "");
        return v.isEmpty()
                ? List.of()
                : java.util.Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static String capitalize(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
