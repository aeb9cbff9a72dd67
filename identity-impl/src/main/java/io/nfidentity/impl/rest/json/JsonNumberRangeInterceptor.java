package io.nfidentity.impl.rest.json;

import io.nfidentity.impl.rest.error.JsonExceptionMapper;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * A JSON number whose exponent no {@code BigDecimal} holds ({@code 1e99999999999}) makes the JSON-P parser throw a
 * bare {@link NumberFormatException} while the body is read, which would otherwise surface as a 500. It is malformed
 * input like any other: here it becomes a {@link JsonException}, answered 400 by {@link JsonExceptionMapper}. Found
 * by {@code RequestBodyFuzzTest}.
 *
 * <p>It also refuses a body that is JSON but not the object a resource asks for ({@code [1]} for a
 * {@code JsonObject}): RESTEasy refuses that itself, but Jersey (Payara) hands the array to the method, whose call then
 * fails with a 500 (found by {@code EmailSignInIT} on Payara).
 */
public class JsonNumberRangeInterceptor implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        try {
            Object body = context.proceed();
            if (context.getType() == jakarta.json.JsonObject.class
                    && body != null
                    && !(body instanceof jakarta.json.JsonObject)) {
                throw new JsonException("the body must be a JSON object");
            }
            return body;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonException("a number in the body is out of range", e);
        }
    }
}
