package io.nfidentity.impl.rest.resource;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.external.ExternalLoginException;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.signin.ExternalSignIn;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * GoTrue's external sign-in: {@code GET /authorize?provider=} sends the browser to the provider; {@code GET /callback}
 * is where the provider sends it back, and where it leaves for the site with GoTrue's fragment
 * ({@code #access_token=...&token_type=bearer&expires_in=...&refresh_token=...}, which {@code handleAuthCallback()}
 * of Netlify's client reads) and the {@code nf_jwt}/{@code nf_refresh} cookies; or with
 * {@code #error=...&error_description=...}. Never a stack trace, never a JSON error page on the way back.
 */
@Path("identity")
@GoTrueApi
@RequestScoped
public class ExternalResource {
    /** The cookie that binds an authorization to the browser that started it. */
    static final String BINDING = "nf_oauth";

    /**
     * Its name where the callback is served over https: {@code __Host-} makes the browser refuse the cookie unless it
     * is {@code Secure}, for {@code Path=/} and without {@code Domain}, so no sibling subdomain or plain-http page can
     * plant a binding of its own (a login CSRF) or shadow ours.
     */
    static final String HOST_BINDING = "__Host-nf_oauth";

    static final String CALLBACK_PATH = "/.netlify/identity/callback";

    @Inject
    ExternalSignIn signIn;

    @Inject
    io.nfidentity.impl.limit.Limiters limits;

    @Inject
    SessionCookies cookies;

    @Inject
    IdentityConfig config;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    @Path("authorize")
    public Response authorize(
            @QueryParam("provider") String provider,
            @QueryParam("redirect_to") String redirectTo,
            @QueryParam("invite_token") String inviteToken) {
        // anonymous, and each call stores a row (and may fetch the provider's discovery): limited per client address
        limits.attempt("authorize", request.getRemoteAddr());
        // without redirect_to, back to the page the sign-in started from, as GoTrue does (Netlify's widget sends none
        // and may sit on any page); the referrer passes the same check as redirect_to, so it is never an open redirect
        String back = redirectTo == null || redirectTo.isEmpty() ? request.getHeader("Referer") : redirectTo;
        ExternalSignIn.Start start =
                signIn.begin(provider, back, inviteToken).orElseThrow(Problem.UNSUPPORTED_PROVIDER::exception);
        response.addHeader(
                "Set-Cookie",
                binding(start.browser(), config.external().stateTtl().toSeconds()));
        return Response.status(Response.Status.FOUND)
                .location(URI.create(start.location()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("callback")
    public Response callback(
            @QueryParam("state") String state, @QueryParam("code") String code, @QueryParam("error") String error) {
        String browser =
                SessionCookies.read(request, bindingName(config.external().redirectUri()));
        // cookies go through the servlet response, never as a Response header: Jersey (Payara) rewrites a Set-Cookie
        // header of the Response, and dropped this one next to those added to the servlet response
        response.addHeader("Set-Cookie", binding("", 0));
        Response.ResponseBuilder out = Response.status(Response.Status.FOUND).header("Cache-Control", "no-store");
        try {
            ExternalSignIn.Finish done = signIn.finish(state, browser, code, error);
            Session s = done.session();
            cookies.set(response, s.accessToken(), s.refreshToken());
            return out.location(URI.create(done.site() + "#access_token=" + s.accessToken()
                            + "&token_type=bearer&expires_in=" + s.expiresIn() + "&refresh_token=" + s.refreshToken()))
                    .build();
        } catch (ExternalSignIn.Redirected e) {
            return out.location(URI.create(e.site() + fragment(e.failure()))).build();
        } catch (ExternalLoginException e) {
            return out.location(URI.create(config.mail().siteUrl() + fragment(e)))
                    .build();
        }
    }

    private static String fragment(ExternalLoginException e) {
        return "#error=" + encode(e.code()) + "&error_description=" + encode(e.getMessage());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * HttpOnly, only sent to the callback; {@code SameSite=Lax} whatever the session cookies use, since the return
     * from the provider is a cross-site navigation.
     */
    private String binding(String value, long maxAge) {
        return binding(config.external().redirectUri(), config.sessions().cookieSecure(), value, maxAge);
    }

    static String bindingName(String callbackUri) {
        return callbackUri != null && callbackUri.regionMatches(true, 0, "https://", 0, 8) ? HOST_BINDING : BINDING;
    }

    /** The binding cookie's header: {@code __Host-} over https (always Secure, Path=/), else only on the callback. */
    static String binding(String callbackUri, boolean secure, String value, long maxAge) {
        String name = bindingName(callbackUri);
        if (name.equals(HOST_BINDING)) {
            return name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=Lax";
        }
        return name + "=" + value + "; Path=" + CALLBACK_PATH + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }
}
