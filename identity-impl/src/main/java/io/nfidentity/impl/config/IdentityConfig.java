package io.nfidentity.impl.config;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of the module, read once at startup ({@link ConfigReader}) and passed to constructors, so that unit
 * tests need no container. Keys and defaults are listed in the README's configuration table.
 */
public record IdentityConfig(
        byte[] jwtSecret,
        Duration accessTokenTtl,
        String audience,
        Duration clockSkew,
        int tokenCacheSize,
        long tokenCacheBytes,
        Duration refreshTokenTtl,
        Duration refreshReuseInterval,
        boolean cookieSecure,
        String cookieSameSite,
        String dataSource,
        boolean autoconfirm,
        boolean disableSignup,
        List<String> allowedOrigins,
        String adminRole,
        String operatorToken,
        String bootstrapAdminEmail,
        String bootstrapAdminPassword,
        int passwordMinLength,
        int argon2MemoryKib,
        int argon2Iterations,
        int argon2Parallelism,
        String argon2Engine,
        int maxConcurrentHashes,
        int hashMemoryBudgetMib,
        Duration hashWait,
        long maxBodyBytes,
        Duration purgeInterval,
        Duration reauthenticationWindow,
        Duration sessionStateTtl,
        boolean restEnabled,
        Duration auditRetention,
        boolean exportPasswordHashes,
        Keys keys,
        External external,
        Mail mail,
        Limits limits,
        Exposure exposure) {

    /**
     * Who may reach the GoTrue API.
     *
     * @param hostCheck refuse a request whose {@code Host} is not the site's, an allowed origin's or a loopback name
     *     (DNS rebinding: a page on attacker.example whose name now resolves to this server); off behind a proxy that
     *     rewrites {@code Host}
     * @param loopbackOnly answer only connections made on this machine: set by the sample, whose secret and
     *     administrator password are published in this repository; required while the published secret is in use
     */
    public record Exposure(boolean hostCheck, boolean loopbackOnly) {}

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
            return !algorithm.equals("HS256");
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
     */
    public record Mail(
            String siteUrl,
            String linkPath,
            String from,
            String smtpHost,
            int smtpPort,
            String smtpUsername,
            String smtpPassword,
            boolean smtpStartTls,
            Duration confirmationTtl,
            Duration inviteTtl,
            Duration recoveryTtl,
            Duration emailChangeTtl,
            Duration resendInterval) {
        @Override
        public String toString() {
            return "Mail[siteUrl=" + siteUrl + ", smtp=" + smtpHost + ":" + smtpPort + "]";
        }
    }

    /** The secret is copied in and out so no caller can change it behind our back. */
    public IdentityConfig {
        jwtSecret = jwtSecret.clone();
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    /**
     * The secret that keys the server's own MACs (device cookies): the HS256 secret, or with an asymmetric algorithm
     * and no HS256 secret, the key-encryption key. Never empty once the configuration is valid.
     */
    public byte[] serverSecret() {
        return jwtSecret.length > 0 ? jwtSecret.clone() : keys.encryptionKey();
    }

    /** Never print the secret, even by accident in a debug log. */
    @Override
    public String toString() {
        return "IdentityConfig[jwtSecret=<" + jwtSecret.length + " bytes>, operatorToken=<"
                + (operatorToken.isEmpty() ? "none" : "set") + ">, accessTokenTtl=" + accessTokenTtl
                + ", keys=" + keys + ", refreshTokenTtl=" + refreshTokenTtl + ", dataSource=" + dataSource
                + ", autoconfirm="
                + autoconfirm + ", cookieSecure=" + cookieSecure + "]";
    }
}
