package io.nfidentity.impl.rest.json;

import io.nfidentity.impl.json.Json;
import io.nfidentity.impl.rest.GoTrueApplication;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes the GoTrue API's answers with JSON-B, whatever JSON provider the deployment ends up with. WildFly switches a
 * deployment to Jackson when it finds Jackson annotations in it, and Flyway brings Jackson: with nf-identity's jars in
 * a WAR's {@code WEB-INF/lib}, {@code access_token} came out as {@code accessToken} and Netlify's client broke.
 * Registered only in {@link GoTrueApplication}, so the application's own API keeps its own choice.
 */
@Produces(MediaType.APPLICATION_JSON)
public class GoTrueJsonWriter implements MessageBodyWriter<Object> {
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        // JSON-P values have their own provider; strings and bytes are written as they are
        return MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType)
                && !JsonValue.class.isAssignableFrom(type)
                && type != String.class
                && type != byte[].class;
    }

    @Override
    public void writeTo(
            Object value,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException, WebApplicationException {
        Json.jsonb().toJson(value, out);
    }
}
