package io.nfidentity.impl.lifecycle;

import io.nfidentity.AuditAction;
import io.nfidentity.EmailExistsException;
import io.nfidentity.event.DeniableEvent;
import io.nfidentity.event.UserSignup;
import io.nfidentity.event.UserValidate;
import io.nfidentity.impl.audit.AuditLog;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.event.EventDispatcher;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way a user comes to be (signup, an administrator's {@code createUser}, an invitation, a provider's first
 * sign-in): the address checked free, {@code UserValidate} fired (an observer may deny or change the metadata),
 * {@code UserSignup} for a signup confirmed at once, the row stored, the audit entry written. The caller's
 * transaction holds it all; what follows (a session, a mail) is the caller's.
 */
@ApplicationScoped
public class UserCreation {
    /** Who makes the user, and so which events fire and how the audit entry reads. */
    public enum Kind {
        /** The user signs up (a password, or a provider): {@code UserSignup} too when confirmed at once. */
        SIGNUP,
        /** A signup that must confirm its address: stored with {@code confirmation_sent_at}. */
        PENDING_SIGNUP,
        /** An administrator's {@code createUser}. */
        BY_ADMIN,
        /** An administrator's invitation: stored with {@code invited_at}. */
        INVITATION
    }

    private final Clock clock;

    private final UserStore users;

    private final EventDispatcher events;

    private final AuditLog audit;

    @Inject
    public UserCreation(@Internal Clock clock, UserStore users, EventDispatcher events, AuditLog audit) {
        this.clock = clock;
        this.users = users;
        this.events = events;
        this.audit = audit;
    }

    /** For the container's client proxy only. */
    protected UserCreation() {
        this(null, null, null, null);
    }

    /**
     * @param provider {@code email} for a password, else the provider's name (the audit entry's {@code provider})
     * @return the user as stored, with what the observers set
     * @throws EmailExistsException when a user has the address
     */
    public UserRow create(UserRow user, Kind kind, String provider) {
        return create(user, kind, provider, Map.of());
    }

    /** {@link #create(UserRow, Kind, String)}, with what the audit entry adds (a replaced pending signup, say). */
    public UserRow create(UserRow user, Kind kind, String provider, Map<String, Object> auditTraits) {
        if (users.findByEmail(user.email()).isPresent()) {
            throw new EmailExistsException();
        }
        Instant now = clock.instant();
        UserRow row = apply(user, events.fire(new UserValidate(user.toUser())), user.createdAt());
        switch (kind) {
            case SIGNUP -> {
                if (row.confirmedAt() != null) {
                    row = apply(row, events.fire(new UserSignup(row.toUser())), row.createdAt());
                }
            }
            case PENDING_SIGNUP -> row = row.withConfirmationSent(now);
            case INVITATION -> row = row.withInviteSent(now);
            case BY_ADMIN -> {}
        }
        users.insert(row);
        Map<String, Object> traits = new LinkedHashMap<>(auditTraits);
        switch (kind) {
            case INVITATION -> audit.byCaller(AuditAction.USER_INVITED, row.id(), row.email(), traits);
            case BY_ADMIN -> {
                traits.put("provider", provider);
                traits.put("confirmed", row.confirmedAt() != null);
                traits.put("created_by_admin", true);
                audit.byCaller(AuditAction.USER_SIGNEDUP, row.id(), row.email(), traits);
            }
            default -> {
                traits.put("provider", provider);
                traits.put("confirmed", row.confirmedAt() != null);
                audit.self(AuditAction.USER_SIGNEDUP, row.id(), row.email(), traits);
            }
        }
        return row;
    }

    /**
     * A user whose address is proven after it was created (a mailed link followed, an invitation accepted, a provider's
     * verified address): {@code confirmed_at} set and {@code UserSignup} fired, with what its observers set. Nothing
     * is stored: the caller writes the row with the rest of its change, in its transaction.
     */
    public UserRow confirm(UserRow user, Instant now) {
        UserRow confirmed = user.confirmed(now);
        return apply(confirmed, events.fire(new UserSignup(confirmed.toUser())), now);
    }

    private static UserRow apply(UserRow row, DeniableEvent event, Instant now) {
        return row.withMetadata(event.user().appMetadata(), event.user().userMetadata(), now);
    }
}
