package io.nfidentity;

/**
 * 403 {@code user_banned} (Supabase's code): the user is suspended ({@link IdentityAdmin#suspendUser}). A login says
 * so only after the right password, so only someone who knows the password learns of the suspension.
 */
public class UserBannedException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message: "User is banned". */
    public UserBannedException() {
        super(403, "user_banned", "User is banned");
    }
}
