/**
 * Lifecycle events: Netlify's Identity event functions as CDI events.
 *
 * <pre>{@code
 * void onSignup(@Observes UserSignup event) {
 *     event.setRoles(List.of("member"));            // stored, and in the user's first JWT
 * }
 *
 * void onValidate(@Observes UserValidate event) {
 *     if (!event.user().email().endsWith("@example.com")) {
 *         event.deny("Only example.com addresses may sign up");   // the end user gets 401, nothing is stored
 *     }
 * }
 *
 * void onLogin(@ObservesAsync UserLogin event) {       // after commit, on another thread; never delays the login
 *     audit.recordLogin(event.user().id());
 * }
 * }</pre>
 *
 * <p>Synchronous observers ({@code @Observes}) run on the request thread, inside the transaction that will store the
 * change, in {@code @Priority} order. {@link io.nfidentity.event.DeniableEvent#deny(String)} ends the chain and the
 * action: later observers are not invoked and nothing is stored. Any other exception from a synchronous observer also
 * rolls the action back and answers 500 with an {@code error_id}. Asynchronous observers ({@code @ObservesAsync}) are
 * notified only after the change has been committed, never for a denied or failed action; they cannot deny or
 * modify, and their exceptions are logged without touching the action.
 *
 * <p>Every event extends {@link io.nfidentity.event.IdentityEvent}, so {@code @Observes IdentityEvent e} sees them
 * all.
 */
package io.nfidentity.event;
