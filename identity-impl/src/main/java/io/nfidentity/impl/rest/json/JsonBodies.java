package io.nfidentity.impl.rest.json;

import io.nfidentity.IdentityException;
import io.nfidentity.impl.error.Problem;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies read as JSON-P objects, so a {@code null} value survives (it means "delete this key" in metadata)
 * and a field of the wrong type is a clear 422 instead of a silent default.
 */
final class JsonBodies {
    private JsonBodies() {}

    static JsonObject require(JsonObject body) {
        if (body == null) {
            throw Problem.NOT_A_JSON_OBJECT.exception();
        }
        return body;
    }

    static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return withoutNul(field, s.getString());
        }
        throw invalid(field, "a string");
    }

    static Boolean bool(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v == JsonValue.TRUE
                || v == JsonValue.FALSE
                || v.getValueType() == JsonValue.ValueType.TRUE
                || v.getValueType() == JsonValue.ValueType.FALSE) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw invalid(field, "true or false");
    }

    /** An object field as a map whose JSON nulls are Java nulls; absent or null field: {@code null}. */
    static Map<String, Object> map(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonObject obj) {
            return toMap(obj);
        }
        throw invalid(field, "an object");
    }

    static Map<String, Object> toMap(JsonObject obj) {
        Map<String, Object> out = new LinkedHashMap<>();
        obj.forEach((k, v) -> out.put(k, toJava(v)));
        return out;
    }

    /**
     * The text, unless it holds a NUL character: PostgreSQL stores none in a text column, so it would fail there as a
     * 500 after everything else was checked (a passkey's name, found by ContractIT); H2 would keep it. Refused alike
     * on both, before anything is written. Metadata may hold one: it is stored as JSON text, where NUL is escaped.
     */
    static String withoutNul(String field, String text) {
        if (text.indexOf('\u0000') >= 0) {
            throw invalid(field, "text without the NUL character");
        }
        return text;
    }

    private static Object toJava(JsonValue v) {
        return switch (v.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) v;
                yield n.isIntegral() ? (Object) n.bigIntegerValue() : n.bigDecimalValue();
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                v.asJsonArray().forEach(item -> list.add(toJava(item)));
                yield list;
            }
            case OBJECT -> toMap(v.asJsonObject());
        };
    }

    private static IdentityException invalid(String field, String expected) {
        return Problem.INVALID_FIELD.exception("Field '" + field + "' must be " + expected);
    }
}
