package io.nfidentity.impl.rest.resource;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages for people, served by the module itself when {@code nf.identity.console.enabled} is on: the admin console
 * ({@code console/}), the account page ({@code account/}) and what both load ({@code ui/}). Plain HTML, CSS and
 * JavaScript modules from this JAR; only the files listed here exist (no path is ever resolved against a directory).
 * They call the GoTrue API with a bearer token they hold in memory, so a cookie never acts through them. Every answer
 * carries a Content-Security-Policy without inline script or style, {@code X-Frame-Options: DENY} and (from
 * {@code NoStoreFilter}) {@code no-store}.
 */
@Path("identity")
@GoTrueApi
@RequestScoped
public class PagesResource {
    /** What the pages may do: load their own files, call this origin, nothing else; no framing, no inline code. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String HTML = "text/html; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    /** Every file there is, by its path under {@code /.netlify/identity/}, with its type. */
    static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("console/", HTML),
            Map.entry("console/console.js", JS),
            Map.entry("console/common.js", JS),
            Map.entry("console/users.js", JS),
            Map.entry("console/audit.js", JS),
            Map.entry("console/tools.js", JS),
            Map.entry("console/notifications.js", JS),
            Map.entry("account/", HTML),
            Map.entry("account/account.js", JS),
            Map.entry("account/factors.js", JS),
            Map.entry("account/passkeys.js", JS),
            Map.entry("ui/pages.css", CSS),
            Map.entry("ui/api.js", JS),
            Map.entry("ui/dom.js", JS),
            Map.entry("ui/passkeys.js", JS),
            Map.entry("ui/text/en.json", JSON));

    /** The browser module for passkeys: served whether or not the pages are on. */
    static final String PASSKEYS_MODULE = "ui/passkeys.js";

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    @Inject
    IdentityConfig config;

    @Context
    HttpServletRequest request;

    /** The page itself; without the trailing slash (which JAX-RS matching ignores), a redirect to it. */
    @GET
    @Path("{page: console|account}")
    public Response page(@PathParam("page") String page) {
        requireEnabled();
        String path = request.getRequestURI();
        if (path.endsWith("/")) {
            return file(page, "");
        }
        // the path as the client sent it, so it holds under any context root
        return Response.status(Response.Status.MOVED_PERMANENTLY)
                .location(URI.create(path + "/"))
                .build();
    }

    @GET
    @Path("{page: console|account|ui}/{file: .*}")
    public Response file(@PathParam("page") String page, @PathParam("file") String file) {
        String name = page + "/" + file;
        if (!name.equals(PASSKEYS_MODULE)) {
            requireEnabled(); // the passkey module is a client library for any page of the site, console or not
        }
        String type = FILES.get(name);
        if (type == null) {
            throw Problem.NOT_FOUND.exception();
        }
        return Response.ok(CACHE.computeIfAbsent(name, PagesResource::read), type)
                .header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .build();
    }

    private void requireEnabled() {
        if (!config.exposure().consoleEnabled()) {
            throw Problem.NOT_FOUND.exception();
        }
    }

    private static byte[] read(String name) {
        String resource = "/io/nfidentity/impl/pages/" + (name.endsWith("/") ? name + "index.html" : name);
        try (InputStream in = PagesResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the JAR: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
