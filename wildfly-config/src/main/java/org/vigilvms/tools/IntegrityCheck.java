package org.vigilvms.tools;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.vigilvms.setup.VigilHome;

/**
 * {@code vigil-integrity}: asks a running server to walk the hash chains of one or all cameras,
 * over all their recordings or a time range, and prints every finding (tampered, missing,
 * edited, truncated, rewritten). With {@code --anchors FILE} (the {@code chain.head} messages the
 * SIEM received, exported one per line) each camera is also compared with the newest head the
 * SIEM holds for it, which shows links removed together with their heads. Exit status 0: all
 * intact; 1: findings; 2: the check could not be made. The password is read from the environment variable VIGIL_PASSWORD or, interactively,
 * from the console, never from the command line.
 */
public final class IntegrityCheck {

    private IntegrityCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("VIGIL_PASSWORD"), System.out, System.err));
    }

    static final String USAGE = "usage: vigil-integrity [--url https://host:8443] [--home <installation folder>] "
            + "[--user admin] [--camera <id>|all] [--from <ISO-8601 instant>] [--to <ISO-8601 instant>] [--anchors <SIEM export>]";

    /** The tool without System.exit, for tests: returns the exit status. */
    public static int run(String[] args, String password, PrintStream out, PrintStream err) {
        String url = "https://localhost:8443";
        Path home = VigilHome.defaultForUser().root();
        String user = "admin";
        String camera = "all";
        StringBuilder range = new StringBuilder();
        AnchoredHeads anchors = null;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--url" -> url = value;
                case "--home" -> home = Path.of(value);
                case "--user" -> user = value;
                case "--camera" -> camera = value;
                case "--anchors" -> {
                    try {
                        anchors = AnchoredHeads.parse(Files.readAllLines(Path.of(value)));
                    } catch (IOException e) {
                        err.println("cannot read the SIEM export " + value + ": " + e.getMessage());
                        return 2;
                    }
                }
                case "--from", "--to" -> {
                    try {
                        Instant.parse(value);
                    } catch (DateTimeParseException e) {
                        err.println(args[i - 1] + " must be an ISO-8601 instant, e.g. 2026-11-26T10:00:00Z");
                        return 2;
                    }
                    range.append(range.length() == 0 ? "?" : "&").append(args[i - 1].substring(2)).append('=').append(value);
                }
                default -> {
                    err.println("unknown option " + args[i - 1] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (password == null && System.console() != null) {
            char[] typed = System.console().readPassword("Password for %s: ", user);
            password = typed == null ? null : new String(typed);
        }
        if (password == null) {
            err.println("no password: set VIGIL_PASSWORD or run in a terminal");
            return 2;
        }
        try {
            HttpClient client = ConsoleLogin.signIn(new VigilHome(home), url, user, password);
            List<Long> cameras = new ArrayList<>();
            if (camera.equals("all")) {
                for (JsonValue c : get(client, url + "/api/v1/cameras").asJsonArray()) {
                    cameras.add(c.asJsonObject().getJsonNumber("id").longValue());
                }
            } else {
                cameras.add(Long.parseLong(camera));
            }
            int withFindings = 0;
            AnchoredHeads siem = anchors;
            for (long id : cameras) {
                JsonObject report = get(client, url + "/api/v1/cameras/" + id + "/integrity" + range
                        + (siem == null ? "" : siem.camera(id).map(h -> (range.length() == 0 ? "?" : "&") + "anchorSeq=" + h.seq()
                        + "&anchorHash=" + h.hash() + "&anchorSignedAt=" + h.signedAt() + "&anchorSignature="
                        + URLEncoder.encode(h.signature(), StandardCharsets.UTF_8)).orElse(""))).asJsonObject();
                JsonArray findings = report.getJsonArray("findings");
                out.printf("camera %d: %d segments checked, %s%n", id, report.getJsonNumber("segmentsChecked").longValue(),
                        findings.isEmpty() ? "INTACT" : findings.size() + " finding(s)");
                for (JsonValue f : findings) {
                    JsonObject finding = f.asJsonObject();
                    out.printf("  position %d: %s (%s)%n", finding.getJsonNumber("chainSeq").longValue(),
                            finding.getString("problem"), finding.getString("detail", ""));
                }
                withFindings += findings.isEmpty() ? 0 : 1;
            }
            out.printf("%d camera(s) checked, %d with findings%n", cameras.size(), withFindings);
            return withFindings == 0 ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("integrity check failed: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static JsonValue get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readValue();
    }
}
