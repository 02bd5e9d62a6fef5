package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scripts show only texts of the bundle: every key a script asks {@code vigilText} for is
 * there under "js." (the German bundle has the same keys, {@link ConsolePageTest}); a key put
 * together at run time ({@code 'alarms.' + state}) needs at least one key under its start.
 */
class ScriptTextsTest {

    private static final Path SCRIPTS = Path.of("src/main/webapp/resources/js");
    private static final Pattern CALL = Pattern.compile("vigilText\\(");
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

    @Test
    void everyTextAScriptAsksForIsInTheBundle() throws Exception {
        Set<String> keys = bundle().stringPropertyNames();
        List<String> missing = new ArrayList<>();
        int asked = 0;
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            for (Path script : files.filter(f -> f.toString().endsWith(".js"))
                    .filter(f -> !f.getFileName().toString().equals("vigil-texts.js")).sorted().toList()) {
                for (String literal : keysAskedIn(Files.readString(script))) {
                    asked++;
                    String key = ScriptTexts.PREFIX + literal;
                    boolean present = literal.endsWith(".") ? keys.stream().anyMatch(k -> k.startsWith(key)) : keys.contains(key);
                    if (!present) {
                        missing.add(script.getFileName() + ": " + literal);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        // the scan found what it looks for: the live page's script asks for these, so they are among the keys counted
        assertTrue(keysAskedIn(Files.readString(SCRIPTS.resolve("vigil-live.js"))).containsAll(List.of("state.connecting", "state.live")),
                "the live page's texts found in its script; " + asked + " asked in all");
    }

    @Test
    void aStartOfAKeyIsSeenAsSuchAndOnlyTheFirstArgumentIsAKey() {
        assertEquals(List.of("alarms.", "toast.alarm", "toast.escalated"), keysAskedIn(
                "t(window.vigilText('alarms.' + what, 'not a key')); x(vigilText(a ? 'toast.alarm' : 'toast.escalated', f('y')));"));
    }

    /** The quoted parts of the first argument of every vigilText call in a script. */
    private static List<String> keysAskedIn(String script) {
        List<String> found = new ArrayList<>();
        Matcher call = CALL.matcher(script);
        while (call.find()) {
            int depth = 0;
            boolean quoted = false;
            int end = call.end();
            for (; end < script.length(); end++) {
                char c = script.charAt(end);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && (c == '(' || c == '[')) {
                    depth++;
                } else if (!quoted && (c == ')' || c == ']') && depth-- == 0) {
                    break;
                } else if (!quoted && c == ',' && depth == 0) {
                    break;
                }
            }
            Matcher literal = LITERAL.matcher(script.substring(call.end(), end));
            while (literal.find()) {
                found.add(literal.group(1));
            }
        }
        return found;
    }

    private static Properties bundle() throws Exception {
        Properties texts = new Properties();
        try (Reader in = new InputStreamReader(ConsolePage.class.getResourceAsStream("messages.properties"), StandardCharsets.UTF_8)) {
            texts.load(in);
        }
        return texts;
    }
}
