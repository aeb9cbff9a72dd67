package io.nfidentity;

/**
 * How strongly the caller's session was authenticated, as the access token's {@code aal} claim says (Supabase's
 * names, from NIST SP 800-63B): {@link #AAL1} one factor (a password, a provider, a mailed link), {@link #AAL2} a
 * second one on top (a TOTP code or a recovery code). A refresh keeps the level; removing a factor drops every
 * session of the user back to {@link #AAL1}.
 */
public enum AssuranceLevel {
    /** One factor. */
    AAL1("aal1"),
    /** A second factor verified in this session. */
    AAL2("aal2");

    private final String claim;

    AssuranceLevel(String claim) {
        this.claim = claim;
    }

    /** @return the claim's value: {@code aal1} or {@code aal2} */
    public String claim() {
        return claim;
    }

    /**
     * @param claim an {@code aal} claim, or {@code null}
     * @return its level; anything but {@code aal2} (absent, unknown) reads as {@link #AAL1}
     */
    public static AssuranceLevel ofClaim(String claim) {
        return AAL2.claim.equals(claim) ? AAL2 : AAL1;
    }
}
