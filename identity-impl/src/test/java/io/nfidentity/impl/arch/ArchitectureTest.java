package io.nfidentity.impl.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The implementation's layers, checked on the compiled classes. From the top:
 *
 * <ol>
 *   <li><b>wiring</b> ({@code boot}): the composition root; nothing depends on it;
 *   <li><b>edges</b>: the REST resources, filters and mappers ({@code rest..}), the authentication mechanism and its
 *       identity store ({@code mechanism}), the facade ({@code facade}), the role interceptor ({@code security});
 *   <li><b>use cases</b>: {@code signup} (and invitations), {@code login} (password), {@code session} (opening,
 *       refresh, logout), {@code link} (the mailed links followed), {@code account} (the user's own changes),
 *       {@code signin} (providers), {@code admin}, {@code housekeeping}, and {@code lifecycle} (the one way a user is
 *       created, confirmed and changed, which the others share);
 *   <li><b>services</b> the use cases share: tokens, limits, users, passwords, mail, audit, events, revocation, the
 *       provider protocols, the request's state ({@code web});
 *   <li><b>stores</b> ({@code store});
 *   <li><b>configuration, errors and the one JSON-B instance</b> ({@code config}, {@code error}, {@code json}) at the
 *       bottom.
 * </ol>
 *
 * A layer uses only the layers below it (and its own), so a rule has one home and an edge never reads a table; the
 * packages have no cycle, nor have the REST API's sub-packages; the API never leans on the implementation.
 */
class ArchitectureTest {
    private static final String IMPL = "io.nfidentity.impl.";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.nfidentity");

    private static final String[] EDGES = {"rest", "mechanism", "facade", "security", "webhook"};
    private static final String[] USE_CASES = {
        "signup",
        "login",
        "session",
        "link",
        "account",
        "signin",
        "admin",
        "housekeeping",
        "lifecycle",
        "mfa",
        "otp",
        "passkey",
        "notify"
    };
    private static final String[] SERVICES = {
        "token",
        "limit",
        "user",
        "password",
        "mail",
        "audit",
        "event",
        "revocation",
        "external",
        "web",
        "health",
        "metrics"
    };
    private static final String[] STORES = {"store"};
    private static final String[] BASE = {"config", "error", "json"};

    private static String[] packages(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = IMPL + names[i] + "..";
        }
        return out;
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("io.nfidentity.impl..")
                .layer("Wiring")
                .definedBy(packages("boot"))
                .layer("Edges")
                .definedBy(packages(EDGES))
                .layer("UseCases")
                .definedBy(packages(USE_CASES))
                .layer("Services")
                .definedBy(packages(SERVICES))
                .layer("Stores")
                .definedBy(packages(STORES))
                .layer("Base")
                .definedBy(packages(BASE))
                .whereLayer("Wiring")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Edges")
                .mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("UseCases")
                .mayOnlyBeAccessedByLayers("Wiring", "Edges")
                .whereLayer("Services")
                .mayOnlyBeAccessedByLayers("Wiring", "Edges", "UseCases")
                .whereLayer("Stores")
                .mayOnlyBeAccessedByLayers("Wiring", "UseCases", "Services")
                .whereLayer("Base")
                .mayOnlyBeAccessedByLayers("Wiring", "Edges", "UseCases", "Services", "Stores")
                .check(CLASSES);
    }

    @Test
    void everyImplementationClassIsInALayer() {
        classes()
                .that()
                .resideInAPackage("io.nfidentity.impl..")
                .should()
                .resideInAnyPackage(java.util.stream.Stream.of(
                                packages("boot"),
                                packages(EDGES),
                                packages(USE_CASES),
                                packages(SERVICES),
                                packages(STORES),
                                packages(BASE))
                        .flatMap(java.util.Arrays::stream)
                        .toArray(String[]::new))
                .because("a new package must be given its place in the layers")
                .check(CLASSES);
    }

    @Test
    void theImplementationsPackagesHaveNoCycles() {
        slices().matching("io.nfidentity.impl.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theRestApisSubPackagesHaveNoCycles() {
        slices().matching("io.nfidentity.impl.rest.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    /**
     * What was once one {@code session} package of 13 classes depending on 13 packages is now one package per use
     * case, each small enough to read with the few packages it leans on in view. The base layer ({@code config},
     * {@code error}, {@code json}) is not counted: every layer reads it, as every class reads {@code java.lang}.
     */
    @Test
    void eachUseCaseThatSessionWasSplitIntoDependsOnFewerThanEightPackages() {
        java.util.Set<String> base = java.util.Set.of(BASE);
        for (String useCase : new String[] {
            "signup", "login", "session", "link", "account", "signin", "facade", "mfa", "otp", "passkey"
        }) {
            java.util.Set<String> used = new java.util.TreeSet<>();
            CLASSES.stream()
                    .filter(c -> c.getPackageName().equals(IMPL + useCase))
                    .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                    .map(d -> d.getTargetClass().getPackageName())
                    .filter(p -> p.startsWith(IMPL))
                    .map(p -> p.substring(IMPL.length()).split("\\.")[0])
                    .filter(p -> !p.equals(useCase) && !base.contains(p))
                    .forEach(used::add);
            org.junit.jupiter.api.Assertions.assertTrue(used.size() < 8, useCase + " depends on " + used);
        }
    }

    @Test
    void theApiNeverDependsOnTheImplementation() {
        noClasses()
                .that()
                .resideInAnyPackage("io.nfidentity", "io.nfidentity.event")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.nfidentity.impl..")
                .check(CLASSES);
    }
}
