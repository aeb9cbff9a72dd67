package io.nfidentity.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static IdentityConfig read(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key))).read();
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("nf.identity.jwt.secret", SECRET);
        m.put("nf.identity.site-url", "https://example.com");
        for (int i = 0; i < kv.length; i += 2) {
            m.put("nf.identity." + kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsNeedOnlyASecretAndASiteUrl() {
        IdentityConfig c = read(with());
        assertEquals(Duration.ofHours(1), c.tokens().accessTokenTtl());
        assertEquals(Duration.ofDays(30), c.sessions().refreshTokenTtl());
        assertEquals(Duration.ofSeconds(10), c.sessions().refreshReuseInterval());
        assertTrue(c.sessions().cookieSecure(), "cookies are Secure unless switched off");
        assertEquals("Lax", c.sessions().cookieSameSite());
        assertEquals("", c.storage().dataSource(), "empty: the platform's default datasource");
        assertFalse(c.accounts().autoconfirm(), "as on Netlify, users confirm their address by default");
        assertEquals("admin", c.accounts().adminRole());
        assertEquals(19_456, c.passwords().argon2MemoryKib(), "OWASP's Argon2id memory");
        assertEquals(2, c.passwords().argon2Iterations());
        assertEquals(List.of(), c.exposure().allowedOrigins());
    }

    @Test
    void aWebhookNeedsASecretAndKnownEventsAndIsOffWithoutAUrl() {
        assertFalse(read(with()).accounts().webhook().on("signup"), "no URL: off");
        var noSecret = assertThrows(
                IllegalStateException.class, () -> read(with("webhook.url", "https://hooks.example.com/")));
        assertTrue(noSecret.getMessage().contains("webhook.secret is required"), noSecret.getMessage());
        var event = assertThrows(
                IllegalStateException.class,
                () -> read(with(
                        "webhook.url", "https://hooks.example.com/",
                        "webhook.secret", SECRET,
                        "webhook.events", "signup,delete")));
        assertTrue(event.getMessage().contains("webhook.events"), event.getMessage());
        IdentityConfig.Webhook hook = read(with(
                        "webhook.url",
                        "https://hooks.example.com/",
                        "webhook.secret",
                        SECRET,
                        "webhook.events",
                        "login"))
                .accounts()
                .webhook();
        assertTrue(hook.on("login"));
        assertFalse(hook.on("signup"), "only the events listed");
        assertEquals(Duration.ofSeconds(5), hook.timeout());
        assertEquals(3, hook.retries(), "GoTrue's default");
        assertFalse(hook.toString().contains(SECRET), "the secret is never printed");
    }

    @Test
    void notificationsNeedASecretKnownEventsAndHttpUrlsAndAreOffWithoutUrls() {
        IdentityConfig.Notify off = read(with()).accounts().webhook().notifications();
        assertFalse(off.on("login"), "no receivers: off");
        assertEquals(
                IdentityConfig.Notify.EVENTS,
                List.copyOf(new java.util.TreeSet<>(off.events())).stream()
                        .sorted(java.util.Comparator.comparing(IdentityConfig.Notify.EVENTS::indexOf))
                        .toList(),
                "every deliverable event by default");
        var noSecret =
                assertThrows(IllegalStateException.class, () -> read(with("notify.urls", "https://a.example.com/")));
        assertTrue(noSecret.getMessage().contains("notify.secret is required"), noSecret.getMessage());
        var badEvent = assertThrows(
                IllegalStateException.class,
                () -> read(with(
                        "notify.urls", "https://a.example.com/",
                        "notify.secret", SECRET,
                        "notify.events", "login,login_failed")));
        assertTrue(badEvent.getMessage().contains("not 'login_failed'"), "an anonymous flood is never delivered");
        var badUrl = assertThrows(
                IllegalStateException.class,
                () -> read(with("notify.urls", "ftp://a.example.com/", "notify.secret", SECRET)));
        assertTrue(badUrl.getMessage().contains("notify.urls must be an http or https URL"), badUrl.getMessage());
        var badScheme = assertThrows(
                IllegalStateException.class,
                () -> read(with(
                        "notify.urls", "https://a.example.com/",
                        "notify.secret", SECRET,
                        "notify.signature", "md5")));
        assertTrue(badScheme.getMessage().contains("notify.signature"), badScheme.getMessage());

        IdentityConfig.Notify on = read(with(
                        "notify.urls", "https://a.example.com/hook, https://b.example.com/x?token=1",
                        "notify.secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=",
                        "notify.events", "login,user_deleted",
                        "notify.signature", "both"))
                .accounts()
                .webhook()
                .notifications();
        assertEquals(2, on.urls().size());
        assertTrue(on.on("login") && !on.on("user_signedup"), "only the events listed");
        assertTrue(on.gotrueSigned() && on.standardSigned());
        assertEquals(32, on.secret().length, "whsec_ and base64: the decoded key");
        assertEquals(8, on.attempts());
        assertEquals(Duration.ofSeconds(30), on.backoff());
        assertFalse(on.toString().contains("whsec_"), "the secret is never printed");
        var shortKey = assertThrows(
                IllegalStateException.class,
                () -> read(with("notify.urls", "https://a.example.com/", "notify.secret", "whsec_c2hvcnQ=")));
        assertTrue(shortKey.getMessage().contains("notify.secret is required"), shortKey.getMessage());
    }

    @Test
    void metricsAreOffWithoutATokenAndNeedALongOne() {
        assertEquals("", read(with()).exposure().metricsToken(), "no token: /metrics is off");
        var shortToken = assertThrows(IllegalStateException.class, () -> read(with("metrics.token", "short")));
        assertTrue(shortToken.getMessage().contains("metrics.token must be at least"), shortToken.getMessage());
        IdentityConfig.Exposure on = read(with("metrics.token", SECRET)).exposure();
        assertEquals(SECRET, on.metricsToken());
        assertFalse(on.toString().contains(SECRET), "the token is never printed");
    }

    @Test
    void passkeysBelongToTheSitesHostAndItsOriginsByDefault() {
        IdentityConfig.Passkeys p = read(with(
                        "site-url", "https://shop.example.com:8443", "allowed-origins", "https://app.example.com"))
                .accounts()
                .passkeys();
        assertTrue(p.enabled());
        assertEquals("shop.example.com", p.rpId());
        assertEquals(List.of("https://shop.example.com:8443", "https://app.example.com"), p.origins());
        assertTrue(p.userVerificationRequired());
        assertEquals(Duration.ofMinutes(10), read(with()).mail().magicLink().ttl());
        assertEquals(
                "/.netlify/identity/account/", read(with()).mail().magicLink().path());
    }

    @Test
    void aPasskeyRelyingPartyIdThatIsAnIpAddressOrAnOriginThatIsNotOneStopsStartup() {
        assertFalse(
                read(with("site-url", "http://127.0.0.1:8080"))
                        .accounts()
                        .passkeys()
                        .enabled(),
                "a site on an IP address starts, without passkeys");
        var ip = assertThrows(IllegalStateException.class, () -> read(with("passkeys.rp-id", "127.0.0.1")));
        assertTrue(ip.getMessage().contains("passkeys.rp-id must be a host name"), ip.getMessage());
        var origin = assertThrows(
                IllegalStateException.class, () -> read(with("passkeys.origins", "https://example.com/path")));
        assertTrue(origin.getMessage().contains("passkeys.origins"), origin.getMessage());
        var uv = assertThrows(
                IllegalStateException.class, () -> read(with("passkeys.user-verification", "discouraged")));
        assertTrue(uv.getMessage().contains("passkeys.user-verification"), uv.getMessage());
        var path = assertThrows(IllegalStateException.class, () -> read(with("mail.magiclink-path", "account")));
        assertTrue(path.getMessage().contains("mail.magiclink-path"), path.getMessage());
    }

    @Test
    void missingSiteUrlStopsStartup_mailLinksNeverFollowTheRequestHost() {
        Map<String, String> values = with();
        values.remove("nf.identity.site-url");
        var e = assertThrows(IllegalStateException.class, () -> read(values));
        assertTrue(e.getMessage().startsWith("NFID0001"), e.getMessage());
        assertTrue(e.getMessage().contains("nf.identity.site-url is not set"), e.getMessage());
    }

    @Test
    void missingSecretStopsStartupAndSaysWhatToSet() {
        var e = assertThrows(IllegalStateException.class, () -> read(new HashMap<>()));
        assertTrue(e.getMessage().contains("nf.identity.jwt.secret is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("NF_IDENTITY_JWT_SECRET"), e.getMessage());
    }

    @Test
    void secretShorterThan256BitsStopsStartup() {
        var e = assertThrows(
                IllegalStateException.class, () -> read(with("jwt.secret", "too-short-31-bytes-0123456789ab")));
        assertTrue(e.getMessage().contains("31 bytes long"), e.getMessage());
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        var e = assertThrows(
                IllegalStateException.class,
                () -> read(with("jwt.exp", "soon", "cookie.secure", "maybe", "cookie.same-site", "Sometimes")));
        String m = e.getMessage();
        assertTrue(m.contains("jwt.exp must be a whole number"), m);
        assertTrue(m.contains("cookie.secure must be true or false"), m);
        assertTrue(m.contains("cookie.same-site must be Strict, Lax or None"), m);
    }

    @Test
    void outOfRangeNumbersAreRefused() {
        var e = assertThrows(IllegalStateException.class, () -> read(with("jwt.exp", "5")));
        assertTrue(e.getMessage().contains("jwt.exp must be between 60 and 86400"), e.getMessage());
    }

    @Test
    void sameSiteNoneNeedsSecure() {
        var e = assertThrows(
                IllegalStateException.class, () -> read(with("cookie.same-site", "None", "cookie.secure", "false")));
        assertTrue(e.getMessage().contains("requires cookie.secure=true"), e.getMessage());
    }

    @Test
    void allowedOriginsIsACommaSeparatedList() {
        IdentityConfig c = read(with("allowed-origins", " https://a.example , https://b.example,"));
        assertEquals(
                List.of("https://a.example", "https://b.example"), c.exposure().allowedOrigins());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertFalse(read(with()).toString().contains(SECRET), "secret leaked into toString");
    }

    @Test
    void aProviderIsEnabledOnlyWithBothItsClientIdAndSecret() {
        IdentityConfig c = read(with(
                "external.github.client-id", "gh-id",
                "external.github.secret", "gh-secret",
                "external.gitlab.url", "https://gitlab.example.org/"));
        assertEquals(
                List.of("github"),
                c.external().providers().stream().map(External.Provider::name).toList());
        External.Provider gh = c.external().provider("github").orElseThrow();
        assertEquals("https://github.com", gh.url());
        assertEquals("https://api.github.com", gh.apiUrl());
        assertFalse(gh.toString().contains("gh-secret"), "a provider's secret is never printed: " + gh);
        assertEquals(
                "https://example.com/.netlify/identity/callback", c.external().redirectUri());

        var half = assertThrows(IllegalStateException.class, () -> read(with("external.google.client-id", "x")));
        assertTrue(half.getMessage().contains("external.google.client-id and"), half.getMessage());
    }

    @Test
    void genericOpenIdConnectProvidersNeedAnIssuerCredentialsAndAFreeName() {
        IdentityConfig c = read(with(
                "external.oidc", "corp",
                "external.oidc.corp.issuer", "https://login.corp.example/",
                "external.oidc.corp.client-id", "cid",
                "external.oidc.corp.secret", "csecret",
                "external.oidc.corp.label", "Corp SSO"));
        External.Provider corp = c.external().provider("corp").orElseThrow();
        assertEquals(io.nfidentity.impl.config.ProviderKind.OIDC, corp.kind());
        assertEquals("Corp SSO", corp.label());
        assertEquals("https://login.corp.example/", corp.url(), "the issuer is kept exactly: it must equal iss");
        assertEquals("openid email profile", corp.scopes());

        var missing = assertThrows(IllegalStateException.class, () -> read(with("external.oidc", "corp")));
        assertTrue(missing.getMessage().contains("external.oidc.corp.issuer"), missing.getMessage());
        for (String bad : List.of("github", "Bad_Name", "a-name-longer-than-sixteen")) {
            var e = assertThrows(IllegalStateException.class, () -> read(with("external.oidc", bad)));
            assertTrue(e.getMessage().contains("external.oidc names"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void anAsymmetricAlgorithmNeedsAKeyEncryptionKeyButNoSecret() {
        var e = assertThrows(IllegalStateException.class, () -> read(with("jwt.algorithm", "ES256")));
        assertTrue(e.getMessage().contains("jwt.key-encryption-key"), e.getMessage());
        Map<String, String> noSecret = with("jwt.algorithm", "eddsa", "jwt.key-encryption-key", SECRET + SECRET);
        noSecret.remove("nf.identity.jwt.secret");
        IdentityConfig c = read(noSecret);
        assertEquals("EdDSA", c.keys().algorithm());
        assertEquals(0, c.tokens().jwtSecret().length);
        assertTrue(c.serverSecret().length >= 32, "device cookies are keyed by the key-encryption key then");
        var unknown = assertThrows(IllegalStateException.class, () -> read(with("jwt.algorithm", "none")));
        assertTrue(unknown.getMessage().contains("jwt.algorithm must be one of"), unknown.getMessage());
    }

    @Test
    void everyPublishedSecretOrPasswordStartsOnlyOnLoopback() {
        for (String published : ConfigReader.PUBLISHED_SECRETS) {
            Map<String, String> config = with();
            config.put("nf.identity.jwt.secret", published);
            var e = assertThrows(IllegalStateException.class, () -> read(config), published);
            assertTrue(e.getMessage().contains("loopback-only=true"), e.getMessage());
            config.put("nf.identity.loopback-only", "true");
            assertTrue(read(config).exposure().loopbackOnly(), published + " on loopback");
        }
        Map<String, String> secret = with();
        secret.put("nf.identity.jwt.secret", ConfigReader.PUBLISHED_SECRETS.get(0));
        var password = with("bootstrap-admin.email", "a@example.com", "bootstrap-admin.password", "change-me-now");
        assertThrows(IllegalStateException.class, () -> read(password));

        secret.put("nf.identity.loopback-only", "true");
        assertTrue(read(secret).exposure().loopbackOnly(), "the sample's own setting");
        assertTrue(read(with()).exposure().hostCheck(), "the Host check is on by default");
        assertFalse(read(with()).exposure().loopbackOnly());
    }

    /** A secret in a file of this repository that the list misses would start a server reachable by anyone. */
    @Test
    void theSecretsThisRepositoryShipsAreAllKnownAsPublished() throws Exception {
        List<Path> shipped = List.of(
                Path.of("../identity-ear-sample/sample-ear/src/main/config/nf-identity.properties"),
                Path.of("../identity-ear-sample/starter/src/main/resources/archetype-resources/src/main/resources/"
                        + "META-INF/microprofile-config.properties"));
        for (Path file : shipped) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            String secret = p.getProperty("nf.identity.jwt.secret");
            assertTrue(secret != null && ConfigReader.PUBLISHED_SECRETS.contains(secret), file + ": " + secret);
        }
    }

    @Test
    void secondFactorsAreOffByDefaultAndNeedTheKeyEncryptionKeyWhenOn() {
        assertFalse(read(with()).accounts().mfa().enabled());
        var e = assertThrows(IllegalStateException.class, () -> read(with("mfa.enabled", "true")));
        assertTrue(e.getMessage().contains("mfa.enabled needs jwt.key-encryption-key"), e.getMessage());
        IdentityConfig on = read(with("mfa.enabled", "true", "jwt.key-encryption-key", SECRET + SECRET));
        assertTrue(on.accounts().mfa().enabled());
        assertEquals("example.com", read(with()).accounts().mfa().issuer(), "the issuer is the site's host");
        var kek = with("jwt.key-encryption-key", ConfigReader.PUBLISHED_KEYS.get(0));
        var published = assertThrows(IllegalStateException.class, () -> read(kek));
        assertTrue(published.getMessage().contains("loopback-only=true"), "the sample's key is published too");
        var issuer = assertThrows(IllegalStateException.class, () -> read(with("mfa.issuer", "a:b")));
        assertTrue(issuer.getMessage().contains("mfa.issuer"), issuer.getMessage());
    }

    @Test
    void aBootstrapAdministratorMayComeWithoutAPasswordButNotAPasswordWithoutAnAdministrator() {
        assertEquals(
                "a@example.com",
                read(with("bootstrap-admin.email", "a@example.com")).accounts().bootstrapAdminEmail());
        var e = assertThrows(
                IllegalStateException.class, () -> read(with("bootstrap-admin.password", "some password 1")));
        assertTrue(e.getMessage().contains("without bootstrap-admin.email"), e.getMessage());
    }
}
