package io.nfidentity;

import java.util.Map;
import java.util.Optional;

/**
 * The session of the current HTTP request: what {@code @netlify/identity}'s server functions do, for Jakarta EE.
 *
 * <p>Inject it into a JAX-RS resource, servlet or CDI bean that serves a request:
 *
 * <pre>{@code
 * @Inject Identity identity;
 *
 * @POST @Path("login")
 * public Response login(Credentials c) {
 *     identity.verifyRequestOrigin();
 *     identity.login(c.email(), c.password());          // sets nf_jwt and nf_refresh
 *     return Response.seeOther(URI.create("/dashboard")).build();
 * }
 * }</pre>
 *
 * <p>Methods that fail throw an {@link IdentityException} whose {@link IdentityException#status() status} and
 * {@link IdentityException#errorCode() errorCode} say why; the module renders it for JAX-RS as
 * {@code {"code":401,"msg":"...","error_code":"..."}}.
 */
public interface Identity {

    /**
     * The user the request was authenticated as, from a verified access token (the mechanism has already checked the
     * signature and expiry, and refreshed the session if needed). Never throws, never trusts an unverified token, and
     * does not touch the database: the user is built from the token's claims, so metadata is as fresh as the token.
     *
     * @return the current user, or empty for an anonymous request
     */
    Optional<User> currentUser();

    /**
     * Like {@link #currentUser()} for code that must have a user.
     *
     * @return the current user
     * @throws NotAuthenticatedException (401) for an anonymous request
     */
    User requireUser();

    /**
     * The external provider accounts the current user signs in with, oldest first; read from the database.
     *
     * @return the identities; empty for a user who only has a password
     * @throws NotAuthenticatedException (401) for an anonymous request
     */
    java.util.List<UserIdentity> identities();

    /**
     * Logs in with a password and sets the {@code nf_jwt} and {@code nf_refresh} cookies on the response. Fires
     * {@code UserLogin} before any token is issued. An unknown email and a wrong password fail the same way, after the
     * same amount of work.
     *
     * @param email the address, in any case
     * @param password the password
     * @return the user who logged in
     * @throws InvalidCredentialsException (401) for an unknown email or a wrong password
     * @throws EmailNotConfirmedException (401) when the address is not confirmed yet
     */
    User login(String email, String password);

    /**
     * Creates a user. When sign-ups confirm at once (autoconfirm) the user is also logged in and the cookies are set;
     * otherwise the user must confirm the address first and no cookie is set.
     *
     * @param email a valid address, unique without regard to case
     * @param password a password that meets the configured policy
     * @param data initial {@code user_metadata}, may be {@code null}
     * @return the new user
     * @throws ValidationException (422) for an invalid email or a password that breaks the policy
     * @throws EmailExistsException (422) when the address is taken
     * @throws SignupDisabledException (403) when sign-ups are switched off
     */
    User signup(String email, String password, Map<String, Object> data);

    /**
     * Ends this session: revokes its refresh token and always clears both cookies, even when the request carried no
     * session or the revocation fails. The access token stays valid until it expires, as with GoTrue.
     */
    void logout();

    /**
     * Ends every session of the current user, on every device: all refresh tokens are revoked, and access tokens
     * issued before this second are refused from now on (on other nodes of a cluster as soon as they hear of it: at once on PostgreSQL, else within
     * {@code nf.identity.session-state-ttl}). Clears
     * both cookies of this browser.
     *
     * @throws NotAuthenticatedException (401) for an anonymous request
     */
    void logoutEverywhere();

    /**
     * Deletes the current user's own account, as {@code DELETE /.netlify/identity/user} does: only from a session
     * that logged in within the last 5 minutes (or {@code nf.identity.reauthentication-window}, when shorter), so a
     * stolen or forgotten old session cannot erase the account; let the user log in again (password, provider or
     * mailed link) and call this from the new session. Every session ends on every node, {@code UserDeleted} fires,
     * the audit log gets a {@code user_deleted} entry and the address an {@code account_deleted} notice; both cookies
     * of this browser are cleared. Call {@link #verifyRequestOrigin()} first, as for every change made from cookies.
     *
     * @throws NotAuthenticatedException (401) for an anonymous request
     * @throws IdentityException (401, {@code reauthentication_needed}) when the session's login is older
     */
    void deleteAccount();

    /**
     * Refuses cross-site state-changing requests (CSRF): passes only when the {@code Origin} header is exactly the
     * request's own origin or one of the configured allowed origins, and {@code Sec-Fetch-Site} does not say
     * {@code cross-site}. Call it first in every cookie-authenticated endpoint that changes state.
     *
     * @throws OriginNotAllowedException (403) otherwise, including when {@code Origin} is missing
     */
    void verifyRequestOrigin();

    /**
     * How strongly the current session was authenticated: the {@code aal} of its access token.
     *
     * @return {@link AssuranceLevel#AAL2} when a second factor was verified in this session, else
     *     {@link AssuranceLevel#AAL1}
     * @throws NotAuthenticatedException (401) for an anonymous request
     */
    AssuranceLevel assuranceLevel();

    /**
     * Passes only for a session at {@link AssuranceLevel#AAL2}; the declarative form is {@link RequiresFactor}.
     *
     * @throws NotAuthenticatedException (401) for an anonymous request
     * @throws InsufficientAalException (403 {@code insufficient_aal}) for a session at {@link AssuranceLevel#AAL1}
     */
    void requireAal2();
}
