package io.nfidentity.impl.user;

import java.util.LinkedHashMap;
import java.util.Map;

/** GoTrue's metadata rule: changes merge into what is stored key by key, and a {@code null} value deletes its key. */
public final class Metadata {
    private Metadata() {}

    public static Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(stored == null ? Map.of() : stored);
        if (changes != null) {
            changes.forEach((key, value) -> {
                if (value == null) {
                    out.remove(key);
                } else {
                    out.put(key, value);
                }
            });
        }
        return out;
    }
}
