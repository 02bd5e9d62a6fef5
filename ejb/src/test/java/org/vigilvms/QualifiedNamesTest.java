package org.vigilvms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A dependency is stated by an import, where a reader (and the architecture rules' reviewer)
 * sees it: no Java source of the project names a Vigil class by its qualified name in code.
 * Comments, Javadoc links and string literals (JPQL names enums that way) are not code.
 */
class QualifiedNamesTest {

    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.vigilvms\\.(?:[a-z]\\w*\\.)+[A-Z]\\w*");
    private static final Pattern HEADER_LINE = Pattern.compile("^\\s*(?:import|package)\\s[^;]*;", Pattern.MULTILINE);

    @Test
    void noSourceNamesAVigilClassByItsQualifiedName() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent();
        List<String> found = new ArrayList<>();
        for (String module : List.of("ejb", "web", "jms", "verifier", "testkit", "ear")) {
            for (String tree : List.of("src/main/java", "src/test/java")) {
                Path root = repository.resolve(module).resolve(tree);
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        for (String name : qualifiedNamesInCode(read(f))) {
                            found.add(repository.relativize(f) + ": " + name);
                        }
                    });
                }
            }
        }
        assertEquals(List.of(), found, "import these instead of qualifying them");
    }

    @Test
    void theScanFindsAQualifiedNameInCodeButNotInCommentsOrStrings() {
        String source = """
                package org.vigilvms.sample;

                import org.vigilvms.platform.Pem;

                /** See {@link org.vigilvms.audit.AuditLog}. */
                class Sample {
                    // org.vigilvms.camera.Camera in a comment
                    String jpql = "SELECT v FROM StorageVolume v WHERE v.state = org.vigilvms.storage.StorageVolume.State.FULL";
                    org.vigilvms.security.Caller caller;
                }
                """;
        assertEquals(List.of("org.vigilvms.security.Caller"), qualifiedNamesInCode(source));
    }

    /** The qualified Vigil names that {@code source} uses in code. */
    static List<String> qualifiedNamesInCode(String source) {
        String code = HEADER_LINE.matcher(withoutCommentsAndStrings(source)).replaceAll("");
        List<String> names = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The source with comments, text blocks, string and character literals blanked out. */
    private static String withoutCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                end = literalEnd(s, i);
            } else {
                out.append(s.charAt(i++));
                continue;
            }
            out.append(' ');
            i = end;
        }
        return out.toString();
    }

    private static int literalEnd(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
