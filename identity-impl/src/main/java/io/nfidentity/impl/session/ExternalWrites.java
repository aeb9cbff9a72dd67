package io.nfidentity.impl.session;

import io.nfidentity.UserBannedException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.external.ExternalLoginException;
import io.nfidentity.impl.external.ProviderUser;
import io.nfidentity.impl.store.ExternalStore;
import io.nfidentity.impl.store.ExternalStore.IdentityRow;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.user.EmailAddress;
import io.nfidentity.impl.user.NewUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one transaction of an external sign-in: find the user by the provider account, or link the account to the user
 * with the same address (only when the provider verified it and the user is confirmed), or create a confirmed user;
 * then fire the lifecycle events and open a session, as a password login or signup does. An observer's
 * {@code deny()} rolls everything back.
 */
@ApplicationScoped
public class ExternalWrites {
    private final IdentityConfig config;
    private final Clock clock;
    private final UserStore users;
    private final ExternalStore external;
    private final SessionWrites writes;
    private final NewUsers newUsers;

    @Inject
    public ExternalWrites(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            ExternalStore external,
            SessionWrites writes,
            NewUsers newUsers) {
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.external = external;
        this.writes = writes;
        this.newUsers = newUsers;
    }

    /** For the container's client proxy only. */
    protected ExternalWrites() {
        this(null, null, null, null, null, null);
    }

    /**
     * @throws ExternalLoginException {@code access_denied} for an address the provider did not verify (that would
     *     be the classic takeover: an attacker's provider account claiming the victim's address), an address whose
     *     signup awaits confirmation, signups switched off
     * @throws UserBannedException for a suspended user
     */
    @Transactional
    public Session signIn(String provider, ProviderUser who) {
        Instant now = clock.instant();
        Optional<IdentityRow> linked = external.identity(provider, who.subject());
        if (linked.isPresent()) {
            UserRow user = users.findById(linked.get().userId())
                    .orElseThrow(() -> new ExternalLoginException("access_denied", "The account is gone"));
            external.signedIn(provider, who.subject(), who.email(), now);
            return signIn(user, provider, now);
        }
        if (who.email() == null || !EmailAddress.plausible(who.email())) {
            throw new ExternalLoginException("access_denied", "The provider gave no email address");
        }
        if (!who.emailVerified()) {
            throw new ExternalLoginException(
                    "access_denied", "Verify your email address with the provider first, then sign in again");
        }
        String email = who.email().trim();
        Optional<UserRow> existing = users.findByEmail(email);
        if (existing.isPresent()) {
            UserRow user = existing.get();
            if (user.confirmedAt() == null) {
                // a signup nobody confirmed decides nothing; neither may it be taken over by linking
                throw new ExternalLoginException(
                        "access_denied", "This address has a signup awaiting confirmation: confirm it first");
            }
            if (user.suspendedAt(now)) {
                throw new UserBannedException();
            }
            external.link(new IdentityRow(provider, who.subject(), user.id(), email, now, now));
            return signIn(
                    user.withMetadata(withProvider(user.appMetadata(), provider), user.userMetadata(), now),
                    provider,
                    now);
        }
        if (config.disableSignup()) {
            throw new ExternalLoginException("access_denied", "Signups not allowed for this instance");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (who.name() != null) {
            data.put("full_name", who.name());
        }
        if (who.avatarUrl() != null) {
            data.put("avatar_url", who.avatarUrl());
        }
        UserRow row = newUsers.row(email, null, data, true, List.of());
        Map<String, Object> app = new LinkedHashMap<>(row.appMetadata());
        app.put("provider", provider);
        app.put("providers", List.of(provider));
        row = row.withMetadata(app, row.userMetadata(), now);
        Session session = writes.create(row, true, provider);
        external.link(new IdentityRow(provider, who.subject(), session.user().id(), email, now, now));
        return session;
    }

    private Session signIn(UserRow user, String provider, Instant now) {
        if (user.suspendedAt(now)) {
            throw new UserBannedException();
        }
        return writes.signIn(user, provider);
    }

    /** GoTrue's {@code app_metadata.providers}: every way the user signs in, {@code provider} added. */
    static Map<String, Object> withProvider(Map<String, Object> app, String provider) {
        Map<String, Object> out = new LinkedHashMap<>(app);
        List<Object> providers = new ArrayList<>();
        if (app.get("providers") instanceof List<?> l) {
            providers.addAll(l);
        } else if (app.get("provider") instanceof String first) {
            providers.add(first);
        }
        if (!providers.contains(provider)) {
            providers.add(provider);
        }
        out.put("providers", List.copyOf(providers));
        return out;
    }
}
