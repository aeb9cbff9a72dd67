package io.nfidentity.impl.rest.filter;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.GoTrueApplication;
import io.nfidentity.impl.rest.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DNS rebinding: a page on {@code attacker.example} whose name is made to resolve to this server reaches the GoTrue API
 * as a same-origin page, {@code Host: attacker.example}. The API answers only for its own names: the site's, an
 * allowed origin's, the provider callback's, and loopback ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1});
 * anything else is {@code 421 host_not_allowed} before any work. {@code nf.identity.host-check=false} turns it off
 * behind a proxy that rewrites {@code Host}. Three read-only answers are left out: the health check (load balancers
 * and orchestrators probe with a node's own address or no name at all), the metrics (Prometheus scrapes by address,
 * with a bearer token a rebound page does not have) and the JWKS (other services fetch it by an internal name); none
 * holds anything a rebound page could use. Registered only in {@link GoTrueApplication}.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100) // before every other filter of the API
@ApplicationScoped // a bean for injection, but no @Provider: the application's own JAX-RS scan must not take it
public class HostFilter implements ContainerRequestFilter {
    @Inject
    IdentityConfig config;

    private volatile Set<String> names;

    @Override
    public void filter(ContainerRequestContext req) {
        if (!config.exposure().hostCheck()) {
            return;
        }
        String path = req.getUriInfo().getPath();
        if (path.endsWith("identity/health")
                || path.endsWith("identity/metrics")
                || path.endsWith("identity/.well-known/jwks.json")) {
            return;
        }
        String host = req.getHeaderString("Host");
        if (host != null && !allowed(hostName(host), names())) {
            req.abortWith(ErrorBody.response(Problem.HOST_NOT_ALLOWED, null));
        }
    }

    private Set<String> names() {
        Set<String> n = names;
        if (n == null) {
            List<String> urls = new java.util.ArrayList<>(config.exposure().allowedOrigins());
            urls.add(config.mail().siteUrl());
            urls.add(config.external().redirectUri());
            n = ownNames(urls);
            names = n;
        }
        return n;
    }

    /** The host names of the URLs, lower-cased; URLs that do not parse name nothing. */
    static Set<String> ownNames(List<String> urls) {
        Set<String> out = new HashSet<>();
        for (String url : urls) {
            try {
                String host = url == null ? null : URI.create(url.trim()).getHost();
                if (host != null) {
                    out.add(stripBrackets(host.toLowerCase(Locale.ROOT)));
                }
            } catch (IllegalArgumentException e) {
                // not a URL: no name of ours
            }
        }
        return Set.copyOf(out);
    }

    /** The name of a {@code Host} header: without the port, without the brackets of an IPv6 literal, lower-cased. */
    static String hostName(String header) {
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    static boolean allowed(String name, Set<String> own) {
        return own.contains(name) || loopback(name);
    }

    /** Compiled once: {@code String.matches} compiled it on every request (bench/profile.sh). */
    private static final java.util.regex.Pattern IPV4_LOOPBACK =
            java.util.regex.Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    static boolean loopback(String name) {
        return name.equals("localhost")
                || name.endsWith(".localhost")
                || name.equals("::1")
                || name.equals("0:0:0:0:0:0:0:1")
                || IPV4_LOOPBACK.matcher(name).matches();
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
