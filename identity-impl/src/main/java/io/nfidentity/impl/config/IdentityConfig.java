package io.nfidentity.impl.config;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of the module, read once at startup ({@link ConfigReader}) and passed to constructors, so that unit
 * tests need no container; grouped by subject, each group a record of its own. Keys and defaults: {@code
 * docs/configuration.md}.
 */
public record IdentityConfig(
        Tokens tokens,
        Sessions sessions,
        Accounts accounts,
        Passwords passwords,
        Storage storage,
        Keys keys,
        External external,
        Mail mail,
        Limits limits,
        Exposure exposure) {

    /**
     * Access tokens: the HS256 secret (empty under another algorithm), their lifetime and audience, how verification
     * tolerates clocks and caches verified tokens, and how often a node re-reads a user's session state.
     */
    public record Tokens(
            byte[] jwtSecret,
            Duration accessTokenTtl,
            String audience,
            Duration clockSkew,
            int tokenCacheSize,
            long tokenCacheBytes,
            Duration reauthenticationWindow,
            Duration sessionStateTtl) {
        /** The secret is copied in and out so no caller can change it behind our back. */
        public Tokens {
            jwtSecret = jwtSecret.clone();
        }

        @Override
        public byte[] jwtSecret() {
            return jwtSecret.clone();
        }

        /** Never print the secret, even by accident in a debug log. */
        @Override
        public String toString() {
            return "Tokens[jwtSecret=<" + jwtSecret.length + " bytes>, accessTokenTtl=" + accessTokenTtl + "]";
        }
    }

    /** Refresh tokens and the session cookies. */
    public record Sessions(
            Duration refreshTokenTtl, Duration refreshReuseInterval, boolean cookieSecure, String cookieSameSite) {}

    /** Who may sign up, who administers, and what an export may carry. */
    public record Accounts(
            boolean autoconfirm,
            boolean disableSignup,
            String adminRole,
            String operatorToken,
            String bootstrapAdminEmail,
            String bootstrapAdminPassword,
            boolean exportPasswordHashes,
            Mfa mfa,
            Passkeys passkeys,
            Webhook webhook) {
        /** Never print the operator token or the bootstrap password. */
        @Override
        public String toString() {
            return "Accounts[autoconfirm=" + autoconfirm + ", disableSignup=" + disableSignup + ", operatorToken=<"
                    + (operatorToken.isEmpty() ? "none" : "set") + ">]";
        }
    }

    /**
     * Second factors: whether users may enrol them (then the key-encryption key is required: secrets are sealed with
     * it), the issuer authenticator apps show (default: the host of {@code site-url}), how long a challenge lives, how
     * many factors a user may enrol, and the roles that a token carries only at level 2.
     */
    public record Mfa(
            boolean enabled, String issuer, Duration challengeExpiry, int maxFactors, List<String> requiredForRoles) {}

    /**
     * Passkeys (WebAuthn): whether users may register them, the relying party's id (a host, default the host of
     * {@code site-url}) and name, the origins whose signatures count (the site's and {@code allowed-origins}), whether
     * the authenticator must verify the user (then a passkey sign-in is level 2), and how many a user may have.
     */
    public record Passkeys(
            boolean enabled,
            String rpId,
            String rpName,
            List<String> origins,
            boolean userVerificationRequired,
            int maxPasskeys) {}

    /**
     * GoTrue's synchronous webhook ({@code nf.identity.webhook.*}): where lifecycle events are posted, the HS256 secret
     * that signs them, which events, how long one call may take and how often a call that timed out is tried.
     *
     * @param url {@code null} when off
     */
    public record Webhook(
            java.net.URI url,
            byte[] secret,
            List<String> events,
            Duration timeout,
            int retries,
            String instanceId,
            Notify notifications) {
        public boolean on(String event) {
            return url != null && events.contains(event);
        }

        /** Never print the secret. */
        @Override
        public String toString() {
            return "Webhook[url=" + url + ", events=" + events + "]";
        }
    }

    /**
     * Asynchronous notifications ({@code nf.identity.notify.*}): the receivers every chosen event is posted to after
     * its action commits, through the outbox; the secret that signs them (GoTrue's {@code x-webhook-signature}, the
     * Standard Webhooks headers, or both), how long one try may take, how many tries before giving up, the first
     * back-off (doubling, at most an hour), how often each node looks for due rows, and how long delivered and failed
     * rows are kept.
     *
     * @param urls empty when off
     * @param secret the HMAC key: the base64 after {@code whsec_} when the configured secret has that prefix (Standard
     *     Webhooks' form), else the secret's UTF-8 bytes
     */
    public record Notify(
            List<java.net.URI> urls,
            byte[] secret,
            java.util.Set<String> events,
            String signature,
            Duration timeout,
            int attempts,
            Duration backoff,
            Duration interval,
            Duration retention) {
        /** The audit actions that may be delivered: what happened to a user, never what anyone may provoke freely. */
        public static final List<String> EVENTS = List.of(
                "user_signedup",
                "user_invited",
                "invite_accepted",
                "user_confirmed",
                "identity_linked",
                "login",
                "logout",
                "token_revoked",
                "password_changed",
                "email_changed",
                "roles_changed",
                "user_modified",
                "user_suspended",
                "user_restored",
                "user_deleted",
                "factor_enrolled",
                "factor_verified",
                "factor_removed",
                "recovery_code_used",
                "recovery_codes_regenerated",
                "passkey_added",
                "passkey_removed");

        public static final List<String> SIGNATURES = List.of("gotrue", "standard", "both");

        public boolean on(String event) {
            return !urls.isEmpty() && events.contains(event);
        }

        public boolean gotrueSigned() {
            return !signature.equals("standard");
        }

        public boolean standardSigned() {
            return !signature.equals("gotrue");
        }

        /** Never print the secret. */
        @Override
        public String toString() {
            return "Notify[urls=" + urls + ", events=" + events + ", signature=" + signature + "]";
        }
    }

    /** Password rules and the cost and concurrency of hashing them. */
    public record Passwords(
            int passwordMinLength,
            int argon2MemoryKib,
            int argon2Iterations,
            int argon2Parallelism,
            String argon2Engine,
            int maxConcurrentHashes,
            int hashMemoryBudgetMib,
            Duration hashWait) {}

    /** The datasource, and how long what is stored there is kept. */
    public record Storage(String dataSource, Duration purgeInterval, Duration auditRetention) {}

    /**
     * Who may reach the GoTrue API.
     *
     * @param hostCheck refuse a request whose {@code Host} is not the site's, an allowed origin's or a loopback name
     *     (DNS rebinding: a page on attacker.example whose name now resolves to this server); off behind a proxy that
     *     rewrites {@code Host}
     * @param loopbackOnly answer only connections made on this machine: set by the sample, whose secret and
     *     administrator password are published in this repository; required while the published secret is in use
     * @param allowedOrigins origins besides the request's own that may call the cookie endpoints and the API (CORS)
     * @param restEnabled whether the GoTrue API answers at all
     * @param maxBodyBytes the largest request body the API reads
     * @param consoleEnabled whether the admin console and the account page are served
     */
    public record Exposure(
            boolean hostCheck,
            boolean loopbackOnly,
            List<String> allowedOrigins,
            boolean restEnabled,
            long maxBodyBytes,
            boolean consoleEnabled,
            String metricsToken) {
        public Exposure {
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /** Never print the metrics token. */
        @Override
        public String toString() {
            return "Exposure[hostCheck=" + hostCheck + ", loopbackOnly=" + loopbackOnly + ", allowedOrigins="
                    + allowedOrigins + ", restEnabled=" + restEnabled + ", consoleEnabled=" + consoleEnabled
                    + ", metricsToken=<" + (metricsToken.isEmpty() ? "none" : "set") + ">]";
        }
    }

    /**
     * Brute-force limits: failures allowed before delays start, and the most failures an hour, per account and per
     * client address; the longest single delay.
     */
    public record Limits(int accountFree, int accountPerHour, int addressFree, int addressPerHour, Duration maxDelay) {}

    /**
     * How access tokens are signed when not with the HS256 secret, and how the keys are published and shared.
     *
     * @param algorithm {@code HS256}, {@code RS256}, {@code ES256} or {@code EdDSA}: what new keys use, and what the
     *     current key is made to use at startup
     * @param encryptionKey the key-encryption key that seals private keys in the database (empty under HS256)
     * @param jwksMaxAge how long a verifier may cache the JWKS
     * @param refresh how often each node re-reads the keys from the database
     * @param switchAlgorithm whether this start may make a key of {@code algorithm} current when the current key has
     *     another algorithm; without it such a start is refused, so one node started with a stray setting cannot flip
     *     the algorithm of the whole cluster
     */
    public record Keys(
            String algorithm, byte[] encryptionKey, Duration jwksMaxAge, Duration refresh, boolean switchAlgorithm) {
        public Keys {
            encryptionKey = encryptionKey.clone();
        }

        @Override
        public byte[] encryptionKey() {
            return encryptionKey.clone();
        }

        public boolean asymmetric() {
            return SigningAlgorithm.named(algorithm).asymmetric();
        }

        @Override
        public String toString() {
            return "Keys[algorithm=" + algorithm + ", jwksMaxAge=" + jwksMaxAge + ", refresh=" + refresh + "]";
        }
    }

    /**
     * Email settings: where links point, how mail is sent, how long mailed tokens live.
     *
     * @param siteUrl the site links point to (required: links never come from request headers)
     * @param linkPath the path of the site page that handles the {@code #..._token=} fragment
     * @param magicLink the mailed sign-in's page and lifetime
     */
    public record Mail(
            String siteUrl,
            String linkPath,
            String from,
            Smtp smtp,
            Duration confirmationTtl,
            Duration inviteTtl,
            Duration recoveryTtl,
            Duration emailChangeTtl,
            Duration resendInterval,
            MagicLink magicLink) {
        @Override
        public String toString() {
            return "Mail[siteUrl=" + siteUrl + ", smtp=" + smtp + "]";
        }
    }

    /**
     * A mailed sign-in ({@code nf.identity.mail.magiclink-*}).
     *
     * @param path the path of the page a sign-in link opens (its button signs in)
     * @param ttl how long a mailed sign-in code and link work
     */
    public record MagicLink(String path, Duration ttl) {}

    /** The mail server: {@code nf.identity.smtp.*}. An empty username means no authentication. */
    public record Smtp(String host, int port, String username, String password, boolean startTls) {
        /** Never print the password. */
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * The secret that keys the server's own MACs (device cookies): the HS256 secret, or with an asymmetric algorithm
     * and no HS256 secret, the key-encryption key. Never empty once the configuration is valid.
     */
    public byte[] serverSecret() {
        byte[] secret = tokens.jwtSecret();
        return secret.length > 0 ? secret : keys.encryptionKey();
    }
}
