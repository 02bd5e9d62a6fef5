package org.vigilvms.testkit.hsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.TokenKeys;

/**
 * A PKCS#11 token for tests: Debian's SoftHSM2, its tokens in a folder of the build. SoftHSM
 * finds its configuration through the environment variable {@code SOFTHSM2_CONF}, which the
 * build sets for the test JVM (and so for the WildFly it starts); this class writes that
 * configuration and initialises a new token with random PINs. Needs the package
 * {@code softhsm2}; without it, it fails (never skipped).
 */
public final class SoftHsm {

    /** Where Debian's softhsm2 package puts the PKCS#11 library. */
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");

    private SoftHsm() {
    }

    /** A new token labelled {@code label}: where it is and its user PIN, as the setup takes them. */
    public static TokenKeys.Settings newToken(String label) {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set for this JVM (the build sets it for the tests)");
        }
        if (!Files.isRegularFile(LIBRARY)) {
            throw new IllegalStateException("no SoftHSM2 at " + LIBRARY + " (apt-get install softhsm2)");
        }
        try {
            Path config = Path.of(conf);
            Path tokens = config.resolveSibling("tokens");
            Files.createDirectories(tokens);
            Files.writeString(config, "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\n");
            String pin = Passwords.generate();
            String output = run(List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                    "--so-pin", Passwords.generate()));
            Matcher slot = REASSIGNED.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("softhsm2-util did not say which slot the token got: " + output);
            }
            return new TokenKeys.Settings(LIBRARY, Long.parseLong(slot.group(1)), pin.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed: " + output);
        }
        return output;
    }
}
