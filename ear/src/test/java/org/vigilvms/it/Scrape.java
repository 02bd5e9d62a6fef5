package org.vigilvms.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * The metrics endpoint as Prometheus reads it: the console's HTTPS listener at {@code /prometheus},
 * signed in as the installation's scraper (or as whoever a test says), and the samples of its text
 * format.
 */
final class Scrape {

    /** Where the scraper reads: the console's HTTPS listener, proxied to the management interface. */
    static final String ENDPOINT = VigilDeployment.BASE + "/prometheus";

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");

    private final String body;

    private Scrape(String body) {
        this.body = body;
    }

    /** A scrape as the setup tool's scraper identity, which must succeed. */
    static Scrape now() {
        HttpResponse<String> response;
        try {
            response = as("vigil-metrics", scraperPassword());
        } catch (Exception e) {
            throw new IllegalStateException("no scrape", e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("the scraper's scrape: HTTP " + response.statusCode() + " " + response.body());
        }
        return new Scrape(response.body());
    }

    static HttpResponse<String> as(String user, String password) throws Exception {
        return VigilDeployment.https().send(HttpRequest.newBuilder(URI.create(ENDPOINT))
                .header("Authorization", basic(user, password)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String scraperPassword() throws IOException {
        return Files.readString(VigilTestEnvironment.installation().home().metricsScraperPassword()).strip();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String body() {
        return body;
    }

    /**
     * The value of the sample {@code series} ({@code name} or {@code name{label="value",...}}): the
     * labels named must match, others (WildFly adds the deployment's) may be there too.
     */
    OptionalDouble value(String series) {
        Matcher wanted = SAMPLE.matcher(series.strip() + " 0");
        if (!wanted.matches()) {
            throw new IllegalArgumentException(series);
        }
        List<String> labels = labels(wanted.group(2));
        for (String line : body.lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && sample.group(1).equals(wanted.group(1)) && labels(sample.group(2)).containsAll(labels)) {
                return OptionalDouble.of(Double.parseDouble(sample.group(3)));
            }
        }
        return OptionalDouble.empty();
    }

    /** The samples (not the comments) whose line has {@code word}, for a failure's message. */
    List<String> samplesWith(String word) {
        return body.lines().filter(l -> l.contains(word) && !l.startsWith("#")).toList();
    }

    private static List<String> labels(String labels) {
        return labels == null || labels.isEmpty() ? List.of() : List.of(labels.split(",(?=[a-zA-Z_]+=\")"));
    }
}
