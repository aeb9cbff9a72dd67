package io.nfidentity.impl.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfidentity.impl.rest.filter.AdminOnly;
import io.nfidentity.impl.rest.resource.OpenApiResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The OpenAPI document and the JAX-RS resources describe the same API: every operation of one is an operation of
 * the other (method and path), and the admin API's operations say so in the document. A resource added without its
 * documentation, or documentation left for a removed one, fails here.
 */
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** A template variable whose pattern lists literal alternatives, such as {@code {page: console|account}}. */
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{\\s*(\\w+)\\s*:\\s*([\\w-]+(?:\\|[\\w-]+)*)\\s*}");
    /** Any other variable with a pattern ({@code {file: .*}}): one OpenAPI variable. */
    private static final Pattern PATTERNED = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws Exception {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            assertNotNull(in, "the document is in the JAR at " + OpenApiResource.RESOURCE);
            return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> documentedOperations() throws Exception {
        Map<String, Map<String, Object>> ops = new TreeMap<>();
        Map<String, Object> paths = (Map<String, Object>) document().get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((key, op) -> {
            if (HTTP_METHODS.contains(key)) {
                ops.put(key.toUpperCase(Locale.ROOT) + " " + path, (Map<String, Object>) op);
            }
        }));
        return ops;
    }

    /** Every resource method of the API as "METHOD /path" (relative to /.netlify/identity), with its admin mark. */
    private static Map<String, Boolean> servedOperations() {
        Map<String, Boolean> ops = new TreeMap<>();
        for (Class<?> type : new GoTrueApplication().getClasses()) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String template = root.value() + (sub == null ? "" : "/" + sub.value());
                AdminOnly admin = m.isAnnotationPresent(AdminOnly.class)
                        ? m.getAnnotation(AdminOnly.class)
                        : type.getAnnotation(AdminOnly.class);
                for (String path : expand(template)) {
                    ops.put(verb + " " + path, admin != null);
                }
            }
        }
        return ops;
    }

    private static String verb(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** The OpenAPI paths of a JAX-RS template: rooted at the API, one per literal alternative, no trailing slash. */
    static List<String> expand(String template) {
        String path = ("/" + template).replaceAll("/+", "/").replaceFirst("^/identity(?=/|$)", "");
        Matcher alt = ALTERNATIVES.matcher(path);
        if (alt.find()) {
            List<String> out = new ArrayList<>();
            for (String literal : alt.group(2).split("\\|")) {
                out.addAll(expand(path.substring(0, alt.start()) + literal + path.substring(alt.end())));
            }
            return out;
        }
        path = PATTERNED.matcher(path).replaceAll("{$1}");
        return List.of(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    @Test
    void everyServedOperationIsDocumentedAndEveryDocumentedOneIsServed() throws Exception {
        Set<String> served = servedOperations().keySet();
        Set<String> documented = documentedOperations().keySet();
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        assertTrue(undocumented.isEmpty(), "served but not in openapi.yaml: " + undocumented);
        assertTrue(unserved.isEmpty(), "in openapi.yaml but served by no resource: " + unserved);
        assertTrue(served.size() > 50, "the API's operations were found: " + served.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAdminApiIsDocumentedAsNeedingTheAdminScheme() throws Exception {
        Map<String, Map<String, Object>> documented = documentedOperations();
        servedOperations().forEach((op, admin) -> {
            List<Map<String, Object>> security =
                    (List<Map<String, Object>>) documented.get(op).getOrDefault("security", List.of());
            boolean documentedAdmin = security.stream().anyMatch(s -> s.containsKey("admin"));
            assertEquals(admin, documentedAdmin, op + ": @AdminOnly and the document's admin scheme disagree");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationNamesItselfAndDocumentsSuccessAndErrors() throws Exception {
        Set<String> ids = new TreeSet<>();
        documentedOperations().forEach((op, spec) -> {
            String id = (String) spec.get("operationId");
            assertNotNull(id, op + " has an operationId");
            assertTrue(ids.add(id), op + ": operationId " + id + " is used twice");
            Map<String, Object> responses = (Map<String, Object>) spec.get("responses");
            assertTrue(
                    responses.keySet().stream().anyMatch(k -> k.startsWith("2") || k.startsWith("3")),
                    op + " documents its success");
            assertTrue(responses.containsKey("default"), op + " documents its errors (a default response)");
        });
    }

    @Test
    void templatesExpandToTheDocumentsPaths() {
        assertEquals(List.of("/admin/users/{id}"), expand("identity/admin/users/{id}"));
        assertEquals(List.of("/console", "/account"), expand("identity/{page: console|account}"));
        assertEquals(
                List.of("/console/{file}", "/account/{file}", "/ui/{file}"),
                expand("identity/{page: console|account|ui}/{file: .*}"));
        assertEquals(List.of("/.well-known/jwks.json"), expand("identity/.well-known/jwks.json"));
    }
}
