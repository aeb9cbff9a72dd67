package io.nfidentity.impl.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metadata maps to and from JSON text, with the server's JSON-B. One shared instance: creating one is costly. */
public final class Json {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Json() {}

    public static String write(Map<String, Object> map) {
        return JSONB.toJson(map == null ? Map.of() : map);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMap(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> map = JSONB.fromJson(json, LinkedHashMap.class);
            return map == null ? new LinkedHashMap<>() : map;
        } catch (JsonbException e) {
            throw new IllegalStateException("stored metadata is not a JSON object", e);
        }
    }

    public static Jsonb jsonb() {
        return JSONB;
    }
}
