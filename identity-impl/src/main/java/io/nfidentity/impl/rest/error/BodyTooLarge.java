package io.nfidentity.impl.rest.error;

import java.io.IOException;

/** Thrown by the body limit while reading past it; {@link ProcessingExceptionMapper} turns it into 413. */
public final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTooLarge() {
        super("request body exceeds the configured limit");
    }
}
