package io.nfidentity.impl.rest.error;

import io.nfidentity.impl.error.StoreException;
import jakarta.annotation.Priority;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A failed transaction in the GoTrue API. A commit that failed because the database went away answers 503, as any
 * outage does; anything else as {@link UnexpectedExceptionMapper}. Payara's Jersey brings a mapper of its own for this
 * exact type, which rethrows whatever is not a {@code WebApplicationException}: a commit cut off by the database
 * (the transaction manager's {@link SystemException}, its cause reduced to a message) became the server's HTML 500
 * page, seen once in {@code DatabaseOutageIT}. Ours is as specific and comes first. Registered only in
 * {@link io.nfidentity.impl.rest.GoTrueApplication}, as the other mappers.
 */
@Priority(Priorities.USER - 100)
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {
    @Override
    public Response toResponse(TransactionalException e) {
        return isOutage(e)
                ? new IdentityExceptionMapper().toResponse(StoreException.outage(e))
                : new UnexpectedExceptionMapper().toResponse(e);
    }

    /**
     * The commit's resource failed under it (the transaction manager's {@link SystemException}), or the cause says
     * the database is unreachable: with the one database as the only resource, an outage.
     */
    static boolean isOutage(TransactionalException e) {
        return e.getCause() instanceof SystemException || StoreException.unreachable(e);
    }
}
