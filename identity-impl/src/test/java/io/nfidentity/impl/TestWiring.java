package io.nfidentity.impl;

import io.nfidentity.event.IdentityEvent;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.lifecycle.NewUsers;
import io.nfidentity.impl.lifecycle.UserCreation;
import io.nfidentity.impl.lifecycle.UserUpdate;
import io.nfidentity.impl.mail.Notices;
import io.nfidentity.impl.revocation.SessionGuard;
import io.nfidentity.impl.session.Logouts;
import io.nfidentity.impl.session.SessionWrites;
import io.nfidentity.impl.store.AuditStore;
import io.nfidentity.impl.store.RefreshTokenStore;
import io.nfidentity.impl.store.UserStore;
import io.nfidentity.impl.token.AccessTokens;
import io.nfidentity.impl.web.CurrentRequest;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The graph the unit tests share, on a fresh migrated H2 database: the stores, the audit log, the events (delivered at
 * once to {@link #sync}), the session guard, access tokens, user creation and the session writes, wired as the
 * container wires them (no request: {@link CurrentRequest#none()}). A test builds what it needs beyond this from
 * these fields, so a new constructor argument is added here once.
 */
public final class TestWiring {
    public final IdentityConfig config;
    public final Clock clock;
    public final DataSource ds;
    public final UserStore users;
    public final RefreshTokenStore refreshTokens;
    public final io.nfidentity.impl.store.SessionStore sessionStore;
    public final AuditStore auditStore;
    public final AuditLog audit;
    /** The synchronous observers' channel: what was fired, and observers a test adds. */
    public final DirectEvent<IdentityEvent> sync;

    public final EventDispatcher events;
    public final SessionGuard guard;
    public final AccessTokens tokens;
    public final NewUsers newUsers;
    public final UserCreation creation;
    public final SessionWrites sessionWrites;
    public final io.nfidentity.impl.session.SessionRotation sessionRotation;
    public final Logouts logouts;

    public TestWiring(IdentityConfig config, Clock clock) {
        this(config, clock, new DirectEvent<>());
    }

    public TestWiring(IdentityConfig config, Clock clock, DirectEvent<IdentityEvent> sync) {
        this(config, clock, sync, TestDatabase.migrated());
    }

    /** @param ds a migrated database: {@link TestDatabase#migrated} or {@link TestDatabase#postgres} */
    public TestWiring(IdentityConfig config, Clock clock, DirectEvent<IdentityEvent> sync, DataSource ds) {
        this.ds = ds;
        this.users = new UserStore(ds);
        this.refreshTokens = new RefreshTokenStore(ds);
        this.sessionStore = new io.nfidentity.impl.store.SessionStore(ds);
        this.auditStore = new AuditStore(ds);
        this.config = config;
        this.clock = clock;
        this.sync = sync;
        this.audit = new AuditLog(auditStore, clock, CurrentRequest.none());
        this.events = new EventDispatcher(sync, new DirectEvent<>());
        this.guard = new SessionGuard(new io.nfidentity.impl.store.TokenStateStore(ds), config, clock);
        this.tokens = new AccessTokens(config, clock);
        this.newUsers = new NewUsers(config, clock);
        this.creation = new UserCreation(clock, users, events, audit);
        var sessionTokens = new io.nfidentity.impl.session.SessionTokens(config, tokens);
        this.sessionWrites = new SessionWrites(
                config,
                clock,
                users,
                refreshTokens,
                sessionTokens,
                events,
                guard,
                audit,
                CurrentRequest.none(),
                sessionStore);
        this.sessionRotation = new io.nfidentity.impl.session.SessionRotation(
                config, clock, users, refreshTokens, sessionTokens, guard, audit);
        this.logouts = new Logouts(clock, users, refreshTokens, sessionStore, guard, audit);
    }

    /** Updates of stored users, mailing through {@code notices}. */
    public UserUpdate updates(Notices notices) {
        return new UserUpdate(clock, users, refreshTokens, events, guard, notices, audit);
    }
}
