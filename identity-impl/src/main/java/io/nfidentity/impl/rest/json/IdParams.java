package io.nfidentity.impl.rest.json;

import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.rest.error.ErrorBody;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

/**
 * Ids in the path ({@code {id}}: a user, {@code {session}}: a session) as {@link UUID}s, in their one canonical
 * spelling. A bad one answers 400 naming which id was bad; the refusal is a {@link BadRequestException} carrying our
 * JSON, because JAX-RS turns any other exception of a path parameter's conversion into 404.
 */
public class IdParams implements ParamConverterProvider {
    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        if (type != UUID.class) {
            return null;
        }
        Problem problem = Problem.BAD_USER_ID;
        for (Annotation a : annotations) {
            if (a instanceof PathParam p && p.value().equals("session")) {
                problem = Problem.BAD_SESSION_ID;
            }
            if (a instanceof PathParam p && p.value().equals("factor")) {
                problem = Problem.BAD_FACTOR_ID;
            }
        }
        return (ParamConverter<T>) new Converter(problem);
    }

    private record Converter(Problem problem) implements ParamConverter<UUID> {
        @Override
        public UUID fromString(String value) {
            return parse(value, problem);
        }

        @Override
        public String toString(UUID id) {
            return id.toString();
        }
    }

    /**
     * A UUID in its one canonical spelling (not "1-1-1-1-1", which {@link UUID#fromString} accepts), else a 400 with
     * {@code problem}. For query parameters too: Jersey hands an absent one to a converter, so they are read as text.
     */
    public static UUID parse(String value, Problem problem) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // refused below
        }
        throw new BadRequestException(ErrorBody.response(problem, null));
    }
}
