package io.nfidentity.impl.boot;

import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.ConfigReader;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.external.OAuthHttp;
import io.nfidentity.impl.external.Providers;
import io.nfidentity.impl.facade.OriginCheck;
import io.nfidentity.impl.limit.Backoff;
import io.nfidentity.impl.limit.DeviceCookies;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.limit.RateLimiter;
import io.nfidentity.impl.mail.MailTemplates;
import io.nfidentity.impl.mail.Mailer;
import io.nfidentity.impl.metrics.Metrics;
import io.nfidentity.impl.notify.Notifier;
import io.nfidentity.impl.notify.Outbox;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.rest.json.UserJson;
import io.nfidentity.impl.store.AuditStore;
import io.nfidentity.impl.store.ChangeFeed;
import io.nfidentity.impl.store.Database;
import io.nfidentity.impl.store.ExternalStore;
import io.nfidentity.impl.store.FactorStore;
import io.nfidentity.impl.store.NotificationStore;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.PasskeyStore;
import io.nfidentity.impl.store.RateLimitStore;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.SessionStore;
import io.nfidentity.impl.store.SigningKeyStore;
import io.nfidentity.impl.store.TokenStateStore;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.token.KeyMaterial;
import io.nfidentity.impl.token.SigningKeys;
import io.nfidentity.impl.web.CurrentRequest;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one place where the plain classes of the implementation are built. They take the configuration record in their
 * constructors (so unit tests build them without a container); CDI hands out one instance of each per application.
 */
@ApplicationScoped
public class Components {

    @Produces
    @Singleton
    IdentityConfig config() {
        return ConfigReader.read(ConfigProvider.getConfig());
    }

    @Produces
    @Singleton
    @Internal
    Clock clock() {
        // microseconds: what H2 and PostgreSQL store, so an answer equals what a later read returns
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000));
    }

    @Produces
    @Singleton
    @Internal
    DataSource dataSource(IdentityConfig config) {
        return Database.lookup(config.storage().dataSource());
    }

    @Produces
    @Singleton
    AccessTokens accessTokens(IdentityConfig config, @Internal Clock clock, SigningKeys keys) {
        return new AccessTokens(config, clock, keys);
    }

    @Produces
    @Singleton
    ChangeFeed changeFeed(@Internal DataSource dataSource) {
        return new ChangeFeed(dataSource);
    }

    @Produces
    @Singleton
    ExternalStore externalStore(@Internal DataSource dataSource) {
        return new ExternalStore(dataSource);
    }

    @Produces
    @Singleton
    SessionStore sessionStore(@Internal DataSource dataSource) {
        return new SessionStore(dataSource);
    }

    @Produces
    @Singleton
    PasskeyStore passkeyStore(@Internal DataSource dataSource) {
        return new PasskeyStore(dataSource);
    }

    @Produces
    @Singleton
    FactorStore factorStore(@Internal DataSource dataSource) {
        return new FactorStore(dataSource);
    }

    @Produces
    @Singleton
    Providers providers(IdentityConfig config) {
        return new Providers(config.external(), new OAuthHttp());
    }

    @Produces
    @Singleton
    SigningKeyStore signingKeyStore(@Internal DataSource dataSource) {
        return new SigningKeyStore(dataSource);
    }

    @Produces
    @Singleton
    io.nfidentity.impl.token.SecretSeal secretSeal(IdentityConfig config) {
        return new io.nfidentity.impl.token.SecretSeal(config.keys().encryptionKey());
    }

    @Produces
    @Singleton
    KeyMaterial keyMaterial(IdentityConfig config) {
        return new KeyMaterial(config.keys().encryptionKey());
    }

    @Produces
    @Singleton
    SigningKeys signingKeys(SigningKeyStore store, IdentityConfig config, KeyMaterial material, @Internal Clock clock) {
        return new SigningKeys(store, config, material, clock);
    }

    @Produces
    @Singleton
    PasswordHasher passwordHasher(IdentityConfig config, Metrics metrics) {
        return new PasswordHasher(config, metrics);
    }

    @Produces
    @Singleton
    PasswordPolicy passwordPolicy(IdentityConfig config) {
        return new PasswordPolicy(config.passwords().passwordMinLength());
    }

    @Produces
    @Singleton
    SessionCookies sessionCookies(IdentityConfig config) {
        return new SessionCookies(config);
    }

    @Produces
    @Singleton
    OriginCheck originCheck(IdentityConfig config) {
        return new OriginCheck(config);
    }

    @Produces
    @Singleton
    UserStore userStore(@Internal DataSource dataSource) {
        return new UserStore(dataSource);
    }

    @Produces
    @Singleton
    TokenStateStore tokenStateStore(@Internal DataSource dataSource) {
        return new TokenStateStore(dataSource);
    }

    @Produces
    @Singleton
    RefreshTokenStore refreshTokenStore(@Internal DataSource dataSource) {
        return new RefreshTokenStore(dataSource);
    }

    @Produces
    @Singleton
    OneTimeTokenStore oneTimeTokenStore(@Internal DataSource dataSource) {
        return new OneTimeTokenStore(dataSource);
    }

    @Produces
    @Singleton
    RateLimitStore rateLimitStore(@Internal DataSource dataSource) {
        return new RateLimitStore(dataSource);
    }

    @Produces
    @Singleton
    Limiters limits(
            IdentityConfig config, RateLimitStore store, @Internal Clock clock, AuditLog audit, Metrics metrics) {
        java.util.function.Consumer<String> refused = key -> {
            metrics.refused(key);
            audit.refused(key);
        };
        IdentityConfig.Limits l = config.limits();
        java.time.Duration hour = java.time.Duration.ofHours(1);
        java.time.Duration resend = config.mail().resendInterval().isZero()
                ? java.time.Duration.ofSeconds(1)
                : config.mail().resendInterval();
        return new Limiters(
                new RateLimiter(
                        store, clock, new Backoff(l.accountFree(), l.maxDelay(), l.accountPerHour(), hour), refused),
                new RateLimiter(
                        store, clock, new Backoff(l.addressFree(), l.maxDelay(), l.addressPerHour(), hour), refused),
                // one free, then blocked for the rest of the interval
                new RateLimiter(store, clock, new Backoff(1, resend, 1, resend)));
    }

    @Produces
    @Singleton
    AuditStore auditStore(@Internal DataSource dataSource) {
        return new AuditStore(dataSource);
    }

    @Produces
    @Singleton
    CurrentRequest currentRequest(HttpServletRequest request) {
        // the container's request bean is request scoped: this is its client proxy, which reaches whichever request
        // is current and fails outside one
        return new CurrentRequest(() -> request);
    }

    @Produces
    @Singleton
    AuditLog auditLog(AuditStore store, @Internal Clock clock, CurrentRequest request, Outbox outbox, Metrics metrics) {
        return new AuditLog(store, clock, request, outbox.andThen(metrics::audited));
    }

    @Produces
    @Singleton
    Metrics metrics() {
        return new Metrics();
    }

    @Produces
    @Singleton
    NotificationStore notificationStore(@Internal DataSource dataSource) {
        return new NotificationStore(dataSource);
    }

    @Produces
    @Singleton
    Outbox outbox(
            IdentityConfig config,
            UserStore users,
            NotificationStore store,
            jakarta.enterprise.event.Event<Notifier.Recorded> recorded) {
        String audience = config.tokens().audience();
        return new Outbox(
                config.accounts().webhook(),
                users,
                store,
                user -> UserJson.of(user, audience),
                () -> recorded.fire(new Notifier.Recorded()));
    }

    @Produces
    @Singleton
    DeviceCookies deviceCookies(IdentityConfig config, @Internal Clock clock) {
        return new DeviceCookies(config, clock);
    }

    @Produces
    @Singleton
    Mailer mailer(IdentityConfig config, Metrics metrics) {
        var mp = ConfigProvider.getConfig();
        return new Mailer(
                config.mail(), new MailTemplates(key -> mp.getOptionalValue(key, String.class)), metrics::mail);
    }
}
