package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every word a page shows comes from the resource bundles, so a German reader reads German on
 * every page: no page's text or hint (title, placeholder, label) is written into its markup.
 * What is not a word of either language is allowed by name: the product's name, commands and
 * examples of technical values, the names of the languages themselves.
 */
class PageTextsTest {

    private static final Path PAGES = Path.of("src/main/webapp");
    private static final Set<String> ATTRIBUTES = Set.of("title", "placeholder", "aria-label", "alt", "label", "header",
            "itemLabel", "emptyMessage", "value");
    private static final Set<String> NOT_WORDS = Set.of("Vigil VMS", "Vigil VMS -", "English", "Deutsch", "login", "camera:3",
            "default", "volume-2", "/srv/vigil/volume-2", "control-room-3", "-----BEGIN CERTIFICATE REQUEST-----",
            "-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----", "https://soc.example/vigil", "svc-analytics@node-1",
            "rtsps://camera.example:322/stream", "rtsps://camera.example:322/stream2",
            "https://camera.example/onvif/device_service", "MON-FRI 07:00-19:00, SAT 09:00-13:00", "UTC", "(ONVIF)", "SHA-256",
            "( KiB)");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

    @Test
    void noPageWritesAWordOutsideTheBundles() throws Exception {
        List<String> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PAGES)) {
            for (Path page : files.filter(f -> f.toString().endsWith(".xhtml")).sorted().toList()) {
                collect(parse(page), PAGES.relativize(page).toString(), written);
            }
        }
        assertEquals(List.of(), written);
    }

    @Test
    void theOperatorsPagesAreAmongThoseRead() throws Exception {
        for (String page : List.of("live.xhtml", "camera.xhtml", "playback.xhtml", "alarms.xhtml")) {
            assertTrue(Files.readString(PAGES.resolve(page)).contains("#{msg['"), page + " takes its texts from the bundle");
        }
    }

    private static Element parse(Path page) throws Exception {
        // entities of HTML that XML does not know are not words: drop them before parsing
        String markup = Files.readString(page).replaceAll("&(?!#|amp;|lt;|gt;|quot;|apos;)\\w+;", "");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static void collect(Element element, String page, List<String> written) {
        String name = element.getLocalName();
        if ("script".equals(name) || "style".equals(name) || "code".equals(name) || "pre".equals(name)) {
            return;
        }
        for (String attribute : ATTRIBUTES) {
            if (element.hasAttribute(attribute)) {
                String value = element.getAttribute(attribute);
                if (isWritten(value) && !value.endsWith(".xhtml")) {
                    written.add(page + " @" + attribute + ": " + value);
                }
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element e) {
                collect(e, page, written);
            } else if (child.getNodeType() == Node.TEXT_NODE && isWritten(child.getNodeValue())) {
                written.add(page + " <" + name + ">: " + child.getNodeValue().strip());
            }
        }
    }

    /** The text with every #{...} taken out (they may hold braces of their own, as in '{0}'). */
    private static String withoutExpressions(String text) {
        StringBuilder outside = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0 && c == '#' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth = 1;
                i++;
            } else if (depth > 0) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            } else {
                outside.append(c);
            }
        }
        return outside.toString();
    }

    /** Whether a text holds a word of its own: outside expressions, and not one of the allowed non-words. */
    private static boolean isWritten(String text) {
        String outside = withoutExpressions(text).strip();
        return WORD.matcher(outside).find() && !NOT_WORDS.contains(outside);
    }
}
