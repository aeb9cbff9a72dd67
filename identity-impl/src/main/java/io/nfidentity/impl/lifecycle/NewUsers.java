package io.nfidentity.impl.lifecycle;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.config.Internal;
import io.nfidentity.impl.store.UserField;
import io.nfidentity.impl.store.UserRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one way a new user row is made, for signups, invitations, the admin API and the bootstrap administrator alike:
 * a fresh id, the configured audience, provider {@code email}, the roles in {@code app_metadata.roles}, and
 * {@code user_metadata} without {@code null} values.
 */
@Dependent // immutable and cheap; a normal scope would need a proxy, and so a no-argument constructor
public class NewUsers {
    private final IdentityConfig config;
    private final Clock clock;

    @Inject
    public NewUsers(IdentityConfig config, @Internal Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A new, unsaved user row, created now. */
    public UserRow row(
            String email, String passwordHash, Map<String, Object> data, boolean confirmed, List<String> roles) {
        Instant now = clock.instant();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("provider", "email");
        if (!roles.isEmpty()) {
            app.put("roles", List.copyOf(roles));
        }
        Map<String, Object> meta = data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
        meta.values().removeIf(Objects::isNull);
        return UserRow.builder()
                .set(UserField.ID, UUID.randomUUID())
                .set(UserField.AUD, config.tokens().audience())
                .set(UserField.EMAIL, email)
                .set(UserField.ENCRYPTED_PASSWORD, passwordHash)
                .set(UserField.CONFIRMED_AT, confirmed ? now : null)
                .set(UserField.APP_METADATA, app)
                .set(UserField.USER_METADATA, meta)
                .set(UserField.CREATED_AT, now)
                .build(now);
    }
}
