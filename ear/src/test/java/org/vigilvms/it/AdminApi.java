package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A node's API as a signed-in administrator, for the tests that run installations of their own. */
record AdminApi(HttpClient admin, String base) {

    /** Adds a plain-RTSP camera (its insecure transport accepted), returns its id. */
    long addCamera(String name, String url, String password) throws IOException, InterruptedException {
        HttpResponse<String> added = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cameras"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"streamUrl\":\"" + url
                        + "\",\"username\":\"admin\",\"password\":\"" + password + "\",\"acceptInsecureTransport\":true}")));
        assertEquals(201, added.statusCode(), added.body());
        return Json.createReader(new StringReader(added.body())).readObject().getJsonNumber("id").longValue();
    }

    /** The node keys waiting for approval: producer to fingerprint. */
    Map<String, String> keyRequests() throws IOException, InterruptedException {
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/node-keys/requests")));
        assertEquals(200, list.statusCode(), list.body());
        Map<String, String> asked = new TreeMap<>();
        for (JsonValue r : Json.createReader(new StringReader(list.body())).readArray()) {
            JsonObject request = r.asJsonObject();
            asked.put(request.getString("producer"), request.getString("fingerprint"));
        }
        return asked;
    }

    /** Approves a node key by the fingerprint the node logged. */
    void approveKey(String producer, String fingerprint) {
        try {
            HttpResponse<String> approved = send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/node-keys/requests/" + producer + "/approve"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"fingerprint\":\"" + fingerprint + "\"}")));
            assertEquals(200, approved.statusCode(), approved.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("approving " + producer, e);
        }
    }

    /** A camera's recordings between two instants as the playback page asks for them: spans and segments. */
    JsonObject recordings(long camera, Instant from, Instant to) throws IOException, InterruptedException {
        HttpResponse<String> found = send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/cameras/" + camera + "/recordings?from=" + from + "&to=" + to)));
        assertEquals(200, found.statusCode(), found.body());
        return Json.createReader(new StringReader(found.body())).readObject();
    }

    /** One stored segment as the player fetches it (decrypted by the node that answers). */
    HttpResponse<byte[]> segment(long camera, long chainSeq) throws IOException, InterruptedException {
        return admin.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cameras/" + camera + "/recordings/segments/" + chainSeq))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return admin.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
