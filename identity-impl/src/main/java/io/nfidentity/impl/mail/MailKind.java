package io.nfidentity.impl.mail;

/**
 * The mails, each with GoTrue's default subject and the fragment key its link carries
 * ({@code SITE_URL/#confirmation_token=T}: Netlify's clients read the token from the first key of the fragment).
 */
public enum MailKind {
    CONFIRMATION("confirmation", "Confirm Your Signup", "confirmation_token"),
    INVITE("invite", "You have been invited", "invite_token"),
    RECOVERY("recovery", "Reset Your Password", "recovery_token"),
    EMAIL_CHANGE("email_change", "Confirm Email Change", "email_change_token"),
    /**
     * A sign-in by mail ({@code POST /otp}, {@code /magiclink}): a six-digit code ({@code {{ .Token }}}) and a link
     * ({@code {{ .ConfirmationURL }}}) to a page whose button signs in, never the link's GET itself.
     */
    MAGIC_LINK("magiclink", "Your Magic Link", "magiclink_token"),
    /** To the owner of an address someone tried to sign up with again; carries no token. */
    EXISTING_ACCOUNT("existing_account", "Someone tried to sign up with your address", null),
    /** To the owner of an address another user asked to change theirs to; carries no token. */
    EMAIL_IN_USE("email_in_use", "Someone tried to use your address", null),
    /** To the old address once an email change is done; carries no token. */
    EMAIL_CHANGED("email_changed", "Your email address was changed", null),
    /** To the user once the password changed; carries no token. */
    PASSWORD_CHANGED("password_changed", "Your password was changed", null),
    /** To the user once a provider account was linked to it by its verified address; carries no token. */
    IDENTITY_LINKED("identity_linked", "A new way to sign in was added to your account", null),
    /** To the user once they deleted their own account ({@code DELETE /user}); carries no token. */
    ACCOUNT_DELETED("account_deleted", "Your account was deleted", null),
    /** To the user once a new second factor's first code was verified; carries no token. */
    FACTOR_ADDED("factor_added", "A second factor was added to your account", null),
    /** To the user once a verified second factor was removed (by the user or an administrator); carries no token. */
    FACTOR_REMOVED("factor_removed", "A second factor was removed from your account", null),
    /** To the user once a recovery code was used in place of a factor's code; carries no token. */
    RECOVERY_CODE_USED("recovery_code_used", "A recovery code was used on your account", null),
    /** To the user once a passkey was registered; carries no token. */
    PASSKEY_ADDED("passkey_added", "A passkey was added to your account", null);

    private final String key;
    private final String defaultSubject;
    private final String fragmentKey;

    MailKind(String key, String defaultSubject, String fragmentKey) {
        this.key = key;
        this.defaultSubject = defaultSubject;
        this.fragmentKey = fragmentKey;
    }

    /** The name in configuration keys, templates and the token table. */
    public String key() {
        return key;
    }

    public String defaultSubject() {
        return defaultSubject;
    }

    public String fragmentKey() {
        return fragmentKey;
    }
}
