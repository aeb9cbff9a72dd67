package io.nfidentity.event;

import io.nfidentity.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event whose synchronous observers may refuse the action or change the user's metadata before it is stored.
 *
 * <p>Only {@code appMetadata} and {@code userMetadata} can change, and only through the setters here; everything else
 * about the user (id, email, timestamps) has no setter, so an observer cannot believe it changed something that will
 * not be stored. Changes are visible to later observers, stored with the action, returned in the same response and
 * carried by the access token issued with it.
 */
public abstract sealed class DeniableEvent extends IdentityEvent
        permits UserValidate, UserSignup, UserLogin, UserModified {
    private User user;

    DeniableEvent(User user) {
        this.user = Objects.requireNonNull(user, "user");
    }

    @Override
    public final User user() {
        return user;
    }

    /**
     * Refuses the action without a reason. Equivalent to {@code deny(null)}.
     *
     * @throws UserDeniedException always
     */
    public final void deny() {
        deny(null);
    }

    /**
     * Refuses the action: the end user gets {@code 401} with {@code error_code} {@code denied} and the reason as the
     * message, nothing is stored, no token is issued, and observers after this one are not invoked. This method never
     * returns normally: it throws, which is what ends the chain. A denial is expected behaviour and is not logged as an
     * error.
     *
     * @param reason shown to the end user; {@code null} for a generic message
     * @throws UserDeniedException always, while the action is open
     * @throws IllegalStateException from an asynchronous observer
     */
    public final void deny(String reason) {
        requireOpen("deny()");
        throw new UserDeniedException(reason);
    }

    /**
     * Replaces {@code app_metadata}: the data only administrators and observers may change. To add a key, start from
     * {@code new HashMap<>(event.user().appMetadata())}. {@code provider} is kept as it was whatever the new map says.
     *
     * @param appMetadata the new map; {@code null} values are dropped
     * @throws IllegalStateException from an asynchronous observer
     */
    public final void setAppMetadata(Map<String, Object> appMetadata) {
        requireOpen("setAppMetadata()");
        Map<String, Object> app = clean(appMetadata);
        Object provider = user.appMetadata().get("provider");
        if (provider != null) {
            app.put("provider", provider);
        }
        user = rebuild(app, user.userMetadata());
    }

    /**
     * Replaces {@code user_metadata}: the data users may change about themselves, such as {@code full_name}.
     *
     * @param userMetadata the new map; {@code null} values are dropped
     * @throws IllegalStateException from an asynchronous observer
     */
    public final void setUserMetadata(Map<String, Object> userMetadata) {
        requireOpen("setUserMetadata()");
        user = rebuild(user.appMetadata(), clean(userMetadata));
    }

    /**
     * Sets {@code app_metadata.roles}, the roles the container sees: the common case, {@code setRoles(List.of("member"))}
     * on signup.
     *
     * @param roles the roles; replaces any there were
     * @throws IllegalStateException from an asynchronous observer
     */
    public final void setRoles(List<String> roles) {
        Map<String, Object> app = new LinkedHashMap<>(user.appMetadata());
        app.put("roles", new ArrayList<>(roles));
        setAppMetadata(app);
    }

    private static Map<String, Object> clean(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    private User rebuild(Map<String, Object> app, Map<String, Object> meta) {
        return user.withMetadata(app, meta);
    }
}
