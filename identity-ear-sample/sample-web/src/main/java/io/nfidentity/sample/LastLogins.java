package io.nfidentity.sample;

import io.nfidentity.event.UserLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Netlify's third event-handler example, in background mode: record each login's time without delaying the login. A real
 * application would write to its own table; the observer runs after the login has committed, on another thread.
 */
@ApplicationScoped
public class LastLogins {
    private final Map<UUID, Instant> lastLogin = new ConcurrentHashMap<>();

    void onLogin(@ObservesAsync UserLogin event) {
        lastLogin.put(event.user().id(), Instant.now());
    }

    public Optional<Instant> of(UUID user) {
        return Optional.ofNullable(lastLogin.get(user));
    }
}
