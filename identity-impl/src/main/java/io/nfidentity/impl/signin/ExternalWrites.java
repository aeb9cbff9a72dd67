package io.nfidentity.impl.signin;

import io.nfidentity.AuditAction;
import io.nfidentity.UserBannedException;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.external.ExternalLoginException;
import io.nfidentity.impl.external.ProviderUser;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.mail.MailKind;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.ExternalStore;
import io.nfidentity.impl.store.ExternalStore.IdentityRow;
import io.nfidentity.impl.store.OneTimeTokenStore;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
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
 * with the same address (only when the provider verified it; see {@link #link} for what a link takes over), or create a
 * confirmed user;
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
    private final OneTimeTokenStore tokens;
    private final UserCreation creation;
    private final AuditLog audit;

    private final Notices notices;
    private final MailboxProof mailbox;

    @Inject
    public ExternalWrites(
            IdentityConfig config,
            @Internal Clock clock,
            UserStore users,
            ExternalStore external,
            SessionWrites writes,
            NewUsers newUsers,
            OneTimeTokenStore tokens,
            UserCreation creation,
            AuditLog audit,
            Notices notices,
            MailboxProof mailbox) {
        this.notices = notices;
        this.mailbox = mailbox;
        this.config = config;
        this.clock = clock;
        this.users = users;
        this.external = external;
        this.writes = writes;
        this.newUsers = newUsers;
        this.tokens = tokens;
        this.creation = creation;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected ExternalWrites() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * @throws ExternalLoginException {@code access_denied} for an address the provider did not verify (that would
     *     be the classic takeover: an attacker's provider account claiming the victim's address), signups switched
     *     off
     * @throws UserBannedException for a suspended user
     */
    @Transactional
    public Session signIn(String provider, ProviderUser who) {
        return signIn(provider, who, null);
    }

    /**
     * {@link #signIn(String, ProviderUser)}, or with an invitation ({@code acceptInviteExternalUrl} of Netlify's
     * client), its acceptance: the invited user is confirmed ({@code UserSignup}) and linked to the provider account,
     * which must carry the invited address (GoTrue's rule; the invitation itself proves the mailbox).
     */
    @Transactional
    public Session signIn(String provider, ProviderUser who, String inviteHash) {
        if (inviteHash != null) {
            return acceptInvite(provider, who, inviteHash);
        }
        Instant now = clock.instant();
        Optional<IdentityRow> linked = external.identity(provider, who.subject());
        if (linked.isPresent()) {
            UserRow user = users.findByIdForUpdate(linked.get().userId())
                    .orElseThrow(() -> new ExternalLoginException("access_denied", "The account is gone"));
            external.signedIn(provider, who.subject(), who.email(), now);
            return signIn(user, provider, now);
        }
        if (who.email() == null) {
            throw new ExternalLoginException("access_denied", "The provider gave no email address");
        }
        if (!who.emailVerified()) {
            throw new ExternalLoginException(
                    "access_denied", "Verify your email address with the provider first, then sign in again");
        }
        String email = who.email();
        Optional<UserRow> existing = users.findByEmail(email);
        if (existing.isPresent()) {
            return link(provider, who, email, existing.get().id(), now);
        }
        if (config.accounts().disableSignup()) {
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
        UserRow created = creation.create(row, UserCreation.Kind.SIGNUP, provider);
        external.link(new IdentityRow(provider, who.subject(), created.id(), email, now, now));
        return writes.open(created, provider);
    }

    /**
     * Links the provider account to the user who has its verified address. The provider's verification proves the
     * mailbox; whatever credential of the account never did (a password from an autoconfirmed signup, an import or an
     * administrator, or a signup nobody confirmed) may be the work of someone who registered the address first to
     * wait for its owner (pre-hijacking). The sign-in then takes the account over: that password, the user metadata
     * its holder wrote and every session are dropped, and an unconfirmed signup is confirmed. A password that was
     * proven (confirmed by its signup's link, chosen in a session a mailed link or a provider opened) stays. The
     * address is told in every case.
     */
    private Session link(String provider, ProviderUser who, String email, java.util.UUID id, Instant now) {
        writes.lockSessionsOf(id); // sessions before the user's row, as everywhere (a takeover ends them)
        UserRow user = users.findByIdForUpdate(id)
                .orElseThrow(() -> new ExternalLoginException("access_denied", "The account is gone"));
        if (user.suspendedAt(now)) {
            throw new UserBannedException();
        }
        MailboxProof.Outcome proof = mailbox.prove(user, withProvider(user.appMetadata(), provider), now);
        user = proof.user();
        boolean takeOver = proof.tookOver();
        boolean unconfirmed = !proof.wasConfirmed();
        external.link(new IdentityRow(provider, who.subject(), user.id(), email, now, now));
        audit.self(
                AuditAction.IDENTITY_LINKED,
                user.id(),
                user.email(),
                Map.of("provider", provider, "took_over", takeOver, "was_confirmed", !unconfirmed));
        notices.afterCommit(MailKind.IDENTITY_LINKED, user.email(), user.email(), null);
        return signIn(user, provider, now);
    }

    /**
     * Links the provider account to a logged-in user who asked for it (the account page), whatever address the
     * provider holds: the user proved a login within minutes, and the authorization is bound to their browser, so
     * nobody else's provider account can be slipped in. A provider account linked to another user stays with it.
     * Then the user is signed in with the provider (the page that started it lost its session when it left).
     *
     * @throws ExternalLoginException {@code access_denied} when the provider account belongs to another user
     * @throws UserBannedException for a suspended user
     */
    @Transactional
    public Session linkTo(java.util.UUID userId, String provider, ProviderUser who) {
        Instant now = clock.instant();
        Optional<IdentityRow> linked = external.identity(provider, who.subject());
        if (linked.isPresent() && !linked.get().userId().equals(userId)) {
            throw new ExternalLoginException("access_denied", "This provider account belongs to another user");
        }
        writes.lockSessionsOf(userId); // sessions before the user's row, as everywhere
        UserRow user = users.findByIdForUpdate(userId)
                .orElseThrow(() -> new ExternalLoginException("access_denied", "The account is gone"));
        if (linked.isPresent()) {
            external.signedIn(provider, who.subject(), who.email(), now);
        } else {
            user = user.withMetadata(withProvider(user.appMetadata(), provider), user.userMetadata(), now);
            external.link(new IdentityRow(provider, who.subject(), user.id(), who.email(), now, now));
            audit.self(
                    AuditAction.IDENTITY_LINKED, user.id(), user.email(), Map.of("provider", provider, "by", "user"));
            notices.afterCommit(MailKind.IDENTITY_LINKED, user.email(), user.email(), null);
        }
        return signIn(user, provider, now);
    }

    /** @param hash the invitation token's hash ({@link io.nfidentity.impl.token.OpaqueTokens#hash}) */
    private Session acceptInvite(String provider, ProviderUser who, String hash) {
        Instant now = clock.instant();
        OneTimeTokenStore.Mailed invite = tokens.find(hash)
                .filter(t -> t.kind().equals(MailKind.INVITE.key()))
                .filter(t -> tokens.spend(hash))
                .orElseThrow(() -> new ExternalLoginException(
                        "invalid_request", "The invitation is unknown or was accepted already"));
        if (!invite.expiresAt().isAfter(now)) {
            throw new ExternalLoginException("invalid_request", "The invitation has expired");
        }
        UserRow user = users.findByIdForUpdate(invite.userId())
                .orElseThrow(() -> new ExternalLoginException("invalid_request", "The invitation is unknown"));
        if (who.email() == null || !who.email().trim().equalsIgnoreCase(user.email())) {
            throw new ExternalLoginException(
                    "access_denied", "Invited email does not match emails from external provider");
        }
        if (external.identity(provider, who.subject()).isPresent()) {
            throw new ExternalLoginException("access_denied", "This provider account belongs to another user");
        }
        if (user.suspendedAt(now)) {
            throw new UserBannedException();
        }
        user = user.withMetadata(withProvider(user.appMetadata(), provider), user.userMetadata(), now);
        if (user.confirmedAt() == null) {
            user = creation.confirm(user, now);
        }
        users.update(user);
        external.link(new IdentityRow(provider, who.subject(), user.id(), user.email(), now, now));
        audit.self(AuditAction.INVITE_ACCEPTED, user.id(), user.email(), Map.of("provider", provider));
        return writes.open(user, provider);
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
