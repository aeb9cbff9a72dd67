package io.nfidentity.impl.rest.error;

import io.nfidentity.IdentityException;
import io.nfidentity.InvalidCredentialsException;
import io.nfidentity.UserBannedException;
import io.nfidentity.event.UserDeniedException;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.json.Json;
import io.nfidentity.impl.limit.RateLimiter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one table from an exception to its answer: the status and code come from the exception ({@link
 * io.nfidentity.impl.error.Problem} or the API's own classes); the shape is GoTrue's everywhere but at the token
 * endpoint, which speaks OAuth's. Decided by the exception's type, never by matching its code's text.
 */
public final class ErrorResponses {
    /** GoTrue's wording for a failed password grant, which Netlify's clients show as is. */
    static final String INVALID_CREDENTIALS = "No user found with that email, or password invalid.";

    private ErrorResponses() {}

    /**
     * GoTrue's shape ({@link ErrorBody}), with the headers the status calls for: {@code Retry-After} on 429 (the
     * limiter's wait) and 503 (five seconds: busy hashing slots and an unreachable database both pass within
     * seconds), {@code WWW-Authenticate: Bearer} on 401.
     */
    public static Response gotrue(IdentityException e) {
        Response r =
                ErrorBody.response(e.status(), e.errorCode(), e.getMessage(), e.getCause() != null ? e.getCause() : e);
        if (e instanceof RateLimiter.TooManyRequestsException limited) {
            return Response.fromResponse(r)
                    .header("Retry-After", limited.retryAfterSeconds())
                    .build();
        }
        if (e.status() == 503) {
            return Response.fromResponse(r).header("Retry-After", 5).build();
        }
        if (e.status() == 401) {
            return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
        }
        return r;
    }

    /**
     * The token endpoint's answer to a refused grant, in OAuth's shape:
     *
     * <table>
     *   <caption>exception to OAuth error</caption>
     *   <tr><th>exception</th><th>status</th><th>{@code error}</th></tr>
     *   <tr><td>5xx, 429</td><td>its own</td><td>GoTrue's shape: the client shows {@code msg}, waits for
     *       {@code Retry-After}</td></tr>
     *   <tr><td>{@link UserBannedException}</td><td>403</td><td>{@code user_banned} (Supabase's code: the password
     *       was right)</td></tr>
     *   <tr><td>{@link UserDeniedException}</td><td>400</td><td>{@code access_denied} (an observer said no)</td></tr>
     *   <tr><td>{@link InvalidCredentialsException}</td><td>400</td><td>{@code invalid_grant}, GoTrue's wording</td></tr>
     *   <tr><td>any other</td><td>400</td><td>{@code invalid_grant}, the exception's message</td></tr>
     * </table>
     */
    public static Response oauth(IdentityException e) {
        if (e.status() >= 500 || e.status() == 429) {
            return gotrue(e);
        }
        if (e instanceof UserBannedException) {
            return oauth(403, "user_banned", e.getMessage());
        }
        if (e instanceof UserDeniedException) {
            return oauth(400, "access_denied", e.getMessage());
        }
        if (e instanceof InvalidCredentialsException) {
            return oauth(400, "invalid_grant", INVALID_CREDENTIALS);
        }
        return oauth(400, "invalid_grant", e.getMessage());
    }

    /**
     * A body that could not be read: 413 when the body limit stopped it while it was read (a chunked body declares no
     * length to refuse up front; whichever exception the JSON provider wraps the limit's {@link BodyTooLarge} in), else
     * 400 malformed JSON.
     */
    public static Response unreadableBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLarge) {
                return ErrorBody.response(Problem.PAYLOAD_TOO_LARGE, e);
            }
        }
        return ErrorBody.response(Problem.MALFORMED_JSON, e);
    }

    /** A token request that is not one ({@code invalid_request}, {@code unsupported_grant_type}): 400. */
    public static Response oauth(String error, String description) {
        return oauth(400, error, description);
    }

    private static Response oauth(int status, String error, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                // already JSON text, as ErrorBody: the same shape whichever JSON provider the deployment has
                .entity(Json.jsonb().toJson(new OAuthErrorBody(error, description)))
                .build();
    }
}
