package io.nfidentity.impl.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration stays a tree of small records, one per subject: no record takes more than ten components, so two
 * swapped arguments of one type are easy to see where it is built (it once was one record of 36).
 */
class ConfigShapeTest {
    @Test
    void noConfigurationRecordTakesMoreThanTenComponents() {
        List<Class<?>> records = new ArrayList<>(List.of(IdentityConfig.class, External.class));
        for (Class<?> outer : List.of(IdentityConfig.class, External.class)) {
            for (Class<?> nested : outer.getDeclaredClasses()) {
                if (nested.isRecord()) {
                    records.add(nested);
                }
            }
        }
        assertTrue(records.size() > 8, "the nested records were found: " + records);
        for (Class<?> r : records) {
            int n = r.getRecordComponents().length;
            assertTrue(n <= 10, r.getName() + " has " + n + " components");
        }
    }
}
