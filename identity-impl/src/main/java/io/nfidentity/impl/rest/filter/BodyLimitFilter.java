package io.nfidentity.impl.rest.filter;

import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.error.BodyTooLarge;
import io.nfidentity.impl.rest.error.ErrorBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * Caps every request body at {@code nf.identity.max-body-bytes} (default 64 KiB): 413 up front when the declared length
 * is too large, and a read error when a chunked body runs past it. A body whose media type is not exactly JSON or
 * form-encoded is refused with 415 before a byte of it is read (a type that merely starts like one, such as
 * {@code application/x-www-form-urlencodedX}, slipped past the cap once); only the user import takes NDJSON, and it
 * is bounded line by line on its own.
 */
@PreMatching
@ApplicationScoped // a bean for injection, but no @Provider: the application's own JAX-RS scan must not take it
public class BodyLimitFilter implements ContainerRequestFilter {
    private static final Set<String> IMPORT_TYPES = Set.of("application/x-ndjson", "application/jsonl", "text/plain");

    @Inject
    IdentityConfig config;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (!ctx.hasEntity() && ctx.getLength() <= 0) {
            return;
        }
        MediaType type = ctx.getMediaType();
        String name = type == null ? null : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        boolean capped = name == null
                || name.equals(MediaType.APPLICATION_JSON)
                || name.equals(MediaType.APPLICATION_FORM_URLENCODED);
        if (!capped) {
            if (IMPORT_TYPES.contains(name) && ctx.getUriInfo().getPath().endsWith("admin/users/import")) {
                return;
            }
            ctx.abortWith(ErrorBody.response(Problem.UNSUPPORTED_MEDIA_TYPE, null));
            return;
        }
        long limit = config.exposure().maxBodyBytes();
        if (ctx.getLength() > limit) {
            ctx.abortWith(ErrorBody.response(Problem.PAYLOAD_TOO_LARGE, null));
            return;
        }
        ctx.setEntityStream(new Limited(ctx.getEntityStream(), limit));
    }

    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw new BodyTooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (remaining -= n) < 0) {
                throw new BodyTooLarge();
            }
            return n;
        }
    }
}
