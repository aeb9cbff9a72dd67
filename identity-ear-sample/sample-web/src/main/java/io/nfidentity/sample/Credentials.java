package io.nfidentity.sample;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;

/** The body of {@code POST /api/login} and {@code POST /api/signup}. */
public record Credentials(String email, String password) {
    private static final Jsonb JSON = JsonbBuilder.create();

    /**
     * Reads the body: an empty one is a form with nothing filled in (nf-identity then answers 422). Read here rather
     * than by the JAX-RS runtime, whose answer to an empty body differs between servers (RESTEasy passes null, Jersey
     * refuses with its own 400 page).
     */
    static Credentials read(String body) {
        if (body == null || body.isBlank()) {
            return new Credentials(null, null);
        }
        try {
            Credentials c = JSON.fromJson(body, Credentials.class);
            return c == null ? new Credentials(null, null) : c;
        } catch (JsonbException e) {
            throw new ProcessingException("malformed JSON", e); // MalformedBody answers 400
        }
    }
}
