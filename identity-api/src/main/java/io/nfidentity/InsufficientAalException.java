package io.nfidentity;

/**
 * 403 {@code insufficient_aal} (Supabase's code): the caller's session is at {@link AssuranceLevel#AAL1} and what it
 * asked for needs a second factor ({@link Identity#requireAal2()}, {@link RequiresFactor}). The client verifies a
 * factor ({@code POST /.netlify/identity/factors/{id}/verify}) and tries again with the new token.
 */
public class InsufficientAalException extends IdentityException {
    private static final long serialVersionUID = 1L;

    /** Uses the standard message. */
    public InsufficientAalException() {
        super(403, "insufficient_aal", "A second factor is required: verify one and try again");
    }
}
