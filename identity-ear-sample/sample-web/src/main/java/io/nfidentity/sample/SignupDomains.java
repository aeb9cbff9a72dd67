package io.nfidentity.sample;

import io.nfidentity.event.UserValidate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Netlify's second event-handler example: only addresses whose domain is on an allow-list may sign up ({@code
 * sample.signup.allowed-domains}, comma-separated; a domain also admits its subdomains; empty admits everyone).
 */
@ApplicationScoped
public class SignupDomains {
    private final List<String> allowed = Arrays.stream(ConfigProvider.getConfig()
                    .getOptionalValue("sample.signup.allowed-domains", String.class)
                    .orElse("")
                    .split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList();

    void onValidate(@Observes UserValidate event) {
        String email = event.user().email().toLowerCase(Locale.ROOT);
        String domain = email.substring(email.lastIndexOf('@') + 1);
        if (!allowed.isEmpty() && allowed.stream().noneMatch(d -> domain.equals(d) || domain.endsWith("." + d))) {
            event.deny("Signups from " + domain + " are not allowed");
        }
    }
}
