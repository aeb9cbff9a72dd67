package io.nfidentity.it.host;

/** The host application's own exception, answered by its own mapper. */
public class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostException(String message) {
        super(message);
    }
}
