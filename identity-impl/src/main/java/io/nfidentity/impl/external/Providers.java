package io.nfidentity.impl.external;

import io.nfidentity.impl.config.External;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The protocols of the configured providers, by name; built once, so each OpenID Connect discovery is read once. */
public final class Providers {
    private final Map<String, ProviderProtocol> byName = new LinkedHashMap<>();

    public Providers(External external, OAuthHttp http) {
        for (External.Provider p : external.providers()) {
            byName.put(p.name(), ProviderProtocol.of(p, http));
        }
    }

    public Optional<ProviderProtocol> get(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }
}
