package io.nfidentity.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nfidentity.AssuranceLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolesAtLevelTest {
    private static final Map<String, Object> APP = Map.of("provider", "email", "roles", List.of("admin", "editor"));

    @Test
    void atLevelOneTheRequiredRolesAreLeftOutOfTheToken() {
        assertEquals(
                Map.of("provider", "email", "roles", List.of("editor")),
                RolesAtLevel.appMetadata(APP, AssuranceLevel.AAL1, List.of("admin")));
    }

    @Test
    void atLevelTwoOrWithoutRequiredRolesTheMetadataIsUntouched() {
        assertSame(APP, RolesAtLevel.appMetadata(APP, AssuranceLevel.AAL2, List.of("admin")));
        assertSame(APP, RolesAtLevel.appMetadata(APP, AssuranceLevel.AAL1, List.of()));
        assertSame(APP, RolesAtLevel.appMetadata(APP, AssuranceLevel.AAL1, List.of("owner")));
        Map<String, Object> noRoles = Map.of("provider", "email");
        assertSame(noRoles, RolesAtLevel.appMetadata(noRoles, AssuranceLevel.AAL1, List.of("admin")));
    }
}
