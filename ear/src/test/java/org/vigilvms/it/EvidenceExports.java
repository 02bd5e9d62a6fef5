package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/** The evidence export API and the investigators' offline verifier, as the tests use them. */
final class EvidenceExports {

    /** What the verifier said: its exit status and its output. */
    record Verdict(int status, String output) {
    }

    private EvidenceExports() {
    }

    /** Asks for an export ({@code json} as the API takes it); returns the job's id. */
    static String request(HttpClient client, String json) throws Exception {
        HttpResponse<String> accepted = post(client, "/api/v1/exports", json);
        assertEquals(202, accepted.statusCode(), accepted.body());
        return accepted.body().replaceAll(".*\"id\":\"([0-9a-f-]+)\".*", "$1");
    }

    /** Waits (two minutes at most) until the export job is done; fails when it failed. */
    static String awaitDone(HttpClient client, String job) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            String body = get(client, "/api/v1/exports/" + job).body();
            if (body.contains("\"state\":\"DONE\"")) {
                return job;
            }
            assertTrue(!body.contains("\"state\":\"FAILED\"") && Instant.now().isBefore(deadline), "export finished: " + body);
            Thread.sleep(500);
        }
    }

    static Path download(HttpClient client, String job, Path file) throws Exception {
        HttpResponse<Path> downloaded = client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/exports/"
                + job + "/file")).build(), HttpResponse.BodyHandlers.ofFile(file));
        assertEquals(200, downloaded.statusCode());
        return downloaded.body();
    }

    /** The certificate investigators check exports against, from the API (the installation's CA), written to {@code file}. */
    static Path issuerCertificate(HttpClient client, Path file) throws Exception {
        HttpResponse<String> pem = get(client, "/api/v1/exports/issuer-certificate");
        assertEquals(200, pem.statusCode());
        assertEquals(Files.readString(VigilTestEnvironment.installation().home().caCertificatePem()).strip(),
                pem.body().strip().replace("\r", ""), "the API hands out the installation's CA certificate");
        return Files.writeString(file, pem.body());
    }

    /** Runs the investigators' jar as its own process, as they would. */
    static Verdict verify(Path export, Path issuer, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("vigil.verifier.jar"), export.toString(), "--issuer", issuer.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Verdict(process.exitValue(), output);
    }
}
