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
 *
 * <p>Any other failure of the parser is malformed input too: Parsson (Payara's JSON-P) throws a bare
 * {@link RuntimeException} for JSON nested more than 1,000 deep, which was a 500 (found by {@code ContractIT}'s fuzz
 * run on Payara). Only the answers the API means to give pass through: a {@link WebApplicationException} (the body
 * limit's 413) and a {@link JsonException}.
 */
public class JsonBodyInterceptor implements ReaderInterceptor {
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
        } catch (WebApplicationException | JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JsonException("the body is not JSON this API reads", e);
        }
    }
}
