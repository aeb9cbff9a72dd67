package io.nfidentity.impl.rest.resource;

import io.nfidentity.impl.rest.filter.GoTrueApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the API's OpenAPI 3.1 document, the file kept with the code, as it is. Public like the
 * API it describes (which is open source); it names endpoints and shapes, never configuration.
 */
@Path("identity/openapi.yaml")
@GoTrueApi
@RequestScoped
public class OpenApiResource {
    /** Where the document lives in the JAR; the unit tests read it from there too. */
    public static final String RESOURCE = "/io/nfidentity/impl/openapi/openapi.yaml";

    static final String MEDIA_TYPE = "application/yaml";

    private static final byte[] DOCUMENT = read();

    @GET
    public Response document() {
        return Response.ok(DOCUMENT, MEDIA_TYPE + "; charset=utf-8").build();
    }

    private static byte[] read() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing from the JAR: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
