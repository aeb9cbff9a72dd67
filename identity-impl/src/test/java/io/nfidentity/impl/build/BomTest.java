package io.nfidentity.impl.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM applications import ({@code identity-api/bom/pom.xml}) says what the build uses: nf-identity's own version,
 * and for every library {@code identity-impl} brings to an application, the version the build tests with. It has no
 * parent (an application must not import the build's test tools), so its versions are written twice; this test is
 * what keeps them one.
 */
class BomTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> props = new LinkedHashMap<>();
        Element root = pom.getDocumentElement();
        props.put("project.version", text(root, "version"));
        Element p = child(root, "properties");
        if (p != null) {
            for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    props.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        return props;
    }

    private static String resolve(String value, Map<String, String> props) {
        if (value == null) {
            return null;
        }
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(props.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /**
     * groupId:artifactId to version, of a POM's dependencyManagement; or, with {@code managedScopes}, of its bundled
     * dependencies (compile or runtime, not optional), a scope left out being the managed one.
     */
    private static Map<String, String> versions(
            Document pom, boolean managed, Map<String, String> props, Map<String, String> managedScopes) {
        Element root = pom.getDocumentElement();
        Element deps =
                managed ? child(child(root, "dependencyManagement"), "dependencies") : child(root, "dependencies");
        Map<String, String> out = new TreeMap<>();
        Map<String, String> scopes = managed ? managedScopes : Map.of();
        NodeList list = deps.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            if (d.getParentNode() != deps) {
                continue; // an exclusion's coordinates
            }
            String key = text(d, "groupId") + ":" + text(d, "artifactId");
            String scope = text(d, "scope") != null ? text(d, "scope") : managedScopes.get(key);
            if (managed) {
                scopes.put(key, scope);
            }
            boolean bundled = scope == null || scope.equals("compile") || scope.equals("runtime");
            if (managed || (bundled && !"true".equals(text(d, "optional")))) {
                out.put(key, resolve(text(d, "version"), props));
            }
        }
        return out;
    }

    @Test
    void theBomPinsTheVersionsTheBuildUsesForEverythingIdentityImplBrings() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("identity-api/bom/pom.xml"));
        Document impl = read(ROOT.resolve("identity-impl/pom.xml"));
        Map<String, String> parentProps = properties(parent);
        Map<String, String> managedScopes = new java.util.HashMap<>();
        Map<String, String> built = versions(parent, true, parentProps, managedScopes);
        Map<String, String> brought = versions(impl, false, parentProps, managedScopes);
        Map<String, String> pinned = versions(bom, true, properties(bom), new java.util.HashMap<>());

        brought.forEach((artifact, version) -> {
            assertTrue(
                    pinned.containsKey(artifact), "identity-impl brings " + artifact + ", which the BOM does not pin");
            String used = version != null ? version : built.get(artifact);
            assertEquals(used, pinned.get(artifact), artifact + ": the BOM's version is not the build's");
        });
        assertEquals(parentProps.get("project.version"), pinned.get("io.nfidentity:identity-api"));
        assertEquals(parentProps.get("project.version"), pinned.get("io.nfidentity:identity-impl"));
        assertEquals(
                parentProps.get("project.version"),
                bom.getDocumentElement()
                        .getElementsByTagName("version")
                        .item(0)
                        .getTextContent()
                        .trim(),
                "the BOM's own version is the project's");
        assertTrue(bom.getDocumentElement().getElementsByTagName("parent").getLength() == 0, "the BOM has no parent");
    }
}
