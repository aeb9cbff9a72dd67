package io.nfidentity.impl.rest.resource;

import io.nfidentity.EmailExistsException;
import io.nfidentity.IdentityException;
import io.nfidentity.User;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.limit.DeviceCookies;
import io.nfidentity.impl.limit.Limiters;
import io.nfidentity.impl.link.LinkFlows;
import io.nfidentity.impl.login.PasswordLogin;
import io.nfidentity.impl.otp.EmailSignIn;
import io.nfidentity.impl.rest.error.ErrorResponses;
import io.nfidentity.impl.rest.filter.AdminOnly;
import io.nfidentity.impl.rest.filter.Bearer;
import io.nfidentity.impl.rest.filter.GoTrueApi;
import io.nfidentity.impl.rest.json.RequestBodies;
import io.nfidentity.impl.rest.json.SettingsJson;
import io.nfidentity.impl.rest.json.TokenJson;
import io.nfidentity.impl.rest.json.UserJson;
import io.nfidentity.impl.session.Session;
import io.nfidentity.impl.session.SessionService;
import io.nfidentity.impl.signup.Signup;
import io.nfidentity.impl.web.SessionCookies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * GoTrue's public endpoints under {@code /.netlify/identity}: a thin skin over the use cases ({@link PasswordLogin},
 * {@link SessionService}, {@link Signup}, {@link LinkFlows}), which the facade uses too, so each rule has one
 * implementation.
 */
@Path("identity")
@GoTrueApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GoTrueResource {
    @Inject
    IdentityConfig config;

    @Inject
    SessionService sessions;

    @Inject
    PasswordLogin logins;

    @Inject
    Limiters limits;

    @Inject
    Signup signup;

    @Inject
    LinkFlows links;

    @Inject
    EmailSignIn byMail;

    @Inject
    DeviceCookies devices;

    @Inject
    SessionCookies cookies;

    @Context
    HttpServletRequest request;

    @GET
    @Path("settings")
    public SettingsJson settings() {
        return SettingsJson.of(config);
    }

    /**
     * Answers the user. When the user is confirmed at once (autoconfirm), the answer also carries a token response's
     * fields: {@code @netlify/identity} 2.0 reads {@code access_token} from the signup answer to set its cookies.
     */
    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject signup(JsonObject body) {
        RequestBodies.Signup b = RequestBodies.Signup.read(body);
        limits.attempt("signup", request.getRemoteAddr());
        try {
            Signup.Result result = signup.signup(b.email(), b.password(), b.data(), true);
            JsonObject user = toJson(UserJson.of(result.user(), config.tokens().audience()));
            if (result.session() == null) {
                return user;
            }
            return Json.createObjectBuilder(user)
                    .addAll(Json.createObjectBuilder(toJson(TokenJson.of(result.session()))))
                    .build();
        } catch (EmailExistsException e) {
            throw Problem.SIGNUP_EMAIL_EXISTS.exception(e.getMessage());
        }
    }

    private static JsonObject toJson(Object value) {
        return Json.createReader(new java.io.StringReader(
                        io.nfidentity.impl.json.Json.jsonb().toJson(value)))
                .readObject();
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response verify(JsonObject body, @HeaderParam("X-Use-Cookie") String useCookie) {
        RequestBodies.Verify b = RequestBodies.Verify.read(body);
        limits.attempt("verify", request.getRemoteAddr());
        if (b.signIn()) {
            Session session = b.email() != null && !b.email().isBlank()
                    ? byMail.verifyCode(b.email(), b.token())
                    : byMail.verifyLink(b.token());
            return tokenResponse(session, useCookie, true);
        }
        return tokenResponse(links.verify(b.token(), b.kinds(), b.password()), useCookie);
    }

    /**
     * Mails a sign-in code and link (Supabase's {@code POST /otp}); answers {@code {}} whether or not the address has
     * a user, and whether or not a mail went out.
     */
    @POST
    @Path("otp")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> otp(JsonObject body) {
        RequestBodies.Otp b = RequestBodies.Otp.read(body);
        limits.attempt("otp", request.getRemoteAddr());
        byMail.request(b.email(), b.createUser(), b.data());
        return Map.of();
    }

    /** GoTrue's name for the same request: a mail with a sign-in link (and code). */
    @POST
    @Path("magiclink")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> magiclink(JsonObject body) {
        return otp(body);
    }

    /** Whether the header names exactly JSON (parameters such as a charset aside). */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "application".equalsIgnoreCase(type.getType()) && "json".equalsIgnoreCase(type.getSubtype());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the header names exactly the form media type (parameters such as a charset aside). */
    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return MediaType.APPLICATION_FORM_URLENCODED_TYPE.getType().equalsIgnoreCase(type.getType())
                    && MediaType.APPLICATION_FORM_URLENCODED_TYPE.getSubtype().equalsIgnoreCase(type.getSubtype());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * OAuth's token endpoint: form-encoded in (GoTrue's clients), {@code {"error","error_description"}} out on failure.
     * A JSON body with {@code grant_type} in the query, as Supabase's clients send it ({@code email} or
     * {@code username}, {@code password}; {@code refresh_token}), is read too and answered in Supabase's shape, with
     * {@code expires_at} and the user.
     */
    @POST
    @Path("token")
    public Response token(
            String body,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Use-Cookie") String useCookie,
            @jakarta.ws.rs.QueryParam("grant_type") String queryGrant) {
        boolean json = isJson(contentType);
        if (!isForm(contentType) && !json) {
            return ErrorResponses.oauth(
                    "invalid_request",
                    "The request must be application/x-www-form-urlencoded, or JSON with grant_type in the query");
        }
        Map<String, String> form;
        try {
            form = json ? RequestBodies.tokenJson(body, queryGrant) : RequestBodies.form(body);
        } catch (IllegalArgumentException e) {
            return ErrorResponses.oauth("invalid_request", e.getMessage());
        }
        try {
            return grant(form, useCookie, json);
        } catch (IdentityException e) {
            return ErrorResponses.oauth(e);
        }
    }

    /** @param supabase answer in Supabase's shape (the request was JSON) */
    private Response grant(Map<String, String> form, String useCookie, boolean supabase) {
        String grant = form.getOrDefault("grant_type", "");
        return switch (grant) {
            case "password" -> {
                String username = form.get("username");
                Session session = logins.login(
                        username,
                        form.get("password"),
                        new PasswordLogin.Client(
                                request.getRemoteAddr(), SessionCookies.read(request, DeviceCookies.NAME)));
                // the browser that logged in is one its owner uses: limited on its own from now on
                yield Response.fromResponse(tokenResponse(session, useCookie, supabase))
                        .header("Set-Cookie", devices.issue(username))
                        .build();
            }
            case "refresh_token" -> {
                String refresh = form.get("refresh_token");
                if (refresh == null || refresh.isBlank()) {
                    yield ErrorResponses.oauth("invalid_request", "refresh_token required");
                }
                yield tokenResponse(sessions.refresh(refresh, true), useCookie, supabase);
            }
            default -> ErrorResponses.oauth(
                    "unsupported_grant_type", "Unsupported grant type: use password or refresh_token");
        };
    }

    /**
     * Ends every session of the token's user (GoTrue), access tokens included. A client that used cookies (it sent
     * them, or {@code X-Use-Cookie}) also gets them cleared, as GoTrue does, so the browser is really logged out.
     */
    @POST
    @Path("logout")
    public Response logout(@HeaderParam("X-Use-Cookie") String useCookie) {
        sessions.logoutEverywhere(Bearer.require(request));
        Response.ResponseBuilder r = Response.noContent();
        boolean cookieClient = (useCookie != null && !useCookie.isBlank())
                || SessionCookies.read(request, SessionCookies.ACCESS) != null
                || SessionCookies.read(request, SessionCookies.REFRESH) != null;
        if (cookieClient) {
            cookies.clearing().forEach(header -> r.header("Set-Cookie", header));
        }
        return r.build();
    }

    /** Always {@code {}}, registered or not: the answer does not tell which. */
    @POST
    @Path("recover")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> recover(JsonObject body) {
        String email = RequestBodies.Recover.read(body).email();
        limits.attempt("recover", request.getRemoteAddr());
        links.recover(email);
        return Map.of();
    }

    @POST
    @Path("invite")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public UserJson invite(JsonObject body) {
        RequestBodies.Invite b = RequestBodies.Invite.read(body);
        User user = signup.invite(b.email(), b.data());
        return UserJson.of(user, config.tokens().audience());
    }

    private Response tokenResponse(Session session, String useCookie) {
        return tokenResponse(session, useCookie, false);
    }

    /** GoTrue's token answer, or Supabase's (with {@code expires_at} and the user) for its clients. */
    private Response tokenResponse(Session session, String useCookie, boolean supabase) {
        TokenJson token = TokenJson.of(session);
        Response.ResponseBuilder r = Response.ok(
                supabase
                        ? TokenJson.WithUser.of(
                                token,
                                UserJson.of(session.user(), config.tokens().audience()))
                        : token);
        if (useCookie != null && !useCookie.isBlank()) {
            r.header("Set-Cookie", cookies.gotrueCookie(session.accessToken(), useCookie));
        }
        return r.build();
    }
}
