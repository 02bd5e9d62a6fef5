package org.vigilvms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A dependency is stated by an import, where a reader (and the architecture rules' reviewer)
 * sees it: no Java source of the project names a class by its qualified name in code, its own or
 * a library's, unless the file imports another class of that simple name (jakarta.ws.rs.Path
 * beside java.nio.file.Path), where the qualified name is what tells the two apart. Comments,
 * Javadoc links and string literals (JPQL names enums that way) are not code.
 */
class QualifiedNamesTest {

    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(?:java|javax|jakarta|org|com|io|net)\\.(?:[a-z]\\w*\\.)+([A-Z]\\w*)");
    private static final Pattern HEADER_LINE = Pattern.compile("^\\s*(?:import|package)\\s[^;]*;", Pattern.MULTILINE);
    private static final Pattern TYPE_IMPORT = Pattern.compile("^\\s*import\\s+([\\w.]+)\\.([A-Z]\\w*)\\s*;", Pattern.MULTILINE);
    private static final List<String> SOURCE_TREES = List.of("ejb/src/main/java", "ejb/src/test/java", "web/src/main/java",
            "web/src/test/java", "web/sso/src/main/java", "jms/src/main/java", "jms/src/test/java", "verifier/src/main/java",
            "verifier/src/test/java", "testkit/src/main/java", "testkit/src/test/java", "wildfly-config/src/main/java",
            "wildfly-config/src/test/java", "ear/src/test/java");

    @Test
    void noSourceNamesAClassByItsQualifiedNameInsteadOfImportingIt() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent();
        List<String> found = new ArrayList<>();
        for (String tree : SOURCE_TREES) {
            Path root = repository.resolve(tree);
            assertTrue(Files.isDirectory(root), "a source tree the scan reads: " + root);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    for (String name : qualifiedNamesInCode(read(f))) {
                        found.add(repository.relativize(f) + ": " + name);
                    }
                });
            }
        }
        assertEquals(List.of(), found, "import these instead of qualifying them");
    }

    @Test
    void theScanFindsQualifiedNamesInCodeButNotInCommentsStringsOrWhereTwoClassesShareAName() {
        String source = """
                package org.vigilvms.sample;

                import jakarta.ws.rs.Path;
                import org.vigilvms.platform.Pem;

                /** See {@link org.vigilvms.audit.AuditLog}. */
                @Path("/sample")
                class Sample {
                    // org.vigilvms.camera.Camera in a comment
                    String jpql = "SELECT v FROM StorageVolume v WHERE v.state = org.vigilvms.storage.StorageVolume.State.FULL";
                    org.vigilvms.security.Caller caller;
                    java.util.List<java.nio.file.Path> files;
                    org.vigilvms.platform.Pem pem;
                    int level = org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
                }
                """;
        assertEquals(List.of("org.vigilvms.security.Caller", "java.util.List", "org.vigilvms.platform.Pem",
                "org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR"), qualifiedNamesInCode(source));
    }

    /**
     * The qualified class names that {@code source} uses in code, but for those whose simple name
     * the file imports from another package.
     */
    static List<String> qualifiedNamesInCode(String source) {
        Map<String, String> imported = new HashMap<>();
        Matcher imports = TYPE_IMPORT.matcher(source);
        while (imports.find()) {
            imported.put(imports.group(2), imports.group(1));
        }
        String code = HEADER_LINE.matcher(withoutCommentsAndStrings(source)).replaceAll("");
        List<String> names = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            String name = m.group();
            String packageName = name.substring(0, name.length() - m.group(1).length() - 1);
            String other = imported.get(m.group(1));
            if (other == null || other.equals(packageName)) {
                names.add(name);
            }
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
