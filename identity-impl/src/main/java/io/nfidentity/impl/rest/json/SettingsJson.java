package io.nfidentity.impl.rest.json;

import io.nfidentity.impl.config.IdentityConfig;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GoTrue's {@code /settings}: which sign-in buttons Netlify's widget shows. {@code external} names every provider
 * GoTrue knows (enabled or not) and each generic OpenID Connect one; {@code external_labels} the generic ones' button
 * texts.
 */
@JsonbPropertyOrder({"external", "externalLabels", "disableSignup", "autoconfirm"})
public record SettingsJson(
        @JsonbProperty("external") Map<String, Boolean> external,
        @JsonbProperty("external_labels") Map<String, String> externalLabels,
        @JsonbProperty("disable_signup") boolean disableSignup,
        @JsonbProperty("autoconfirm") boolean autoconfirm) {
    /** The providers GoTrue's settings always list, in its order. */
    private static final String[] GOTRUE_PROVIDERS = {"bitbucket", "github", "gitlab", "google", "facebook"};

    public static SettingsJson of(IdentityConfig config) {
        Map<String, Boolean> external = new LinkedHashMap<>();
        for (String provider : GOTRUE_PROVIDERS) {
            external.put(provider, config.external().provider(provider).isPresent());
        }
        external.put("email", true);
        external.put("saml", false);
        Map<String, String> labels = new LinkedHashMap<>();
        for (var p : config.external().providers()) {
            if (p.generic()) {
                external.put(p.name(), true);
                labels.put(p.name(), p.label());
            }
        }
        return new SettingsJson(
                external,
                labels,
                config.accounts().disableSignup(),
                config.accounts().autoconfirm());
    }
}
