package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * Issue #4 storage volumes: a volume that fails a write is taken out (FAILED, audited) and the
 * next one takes the segments; a volume over its quota loses its oldest segments first, never
 * an evidence-locked one; the hash chain still verifies across volumes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StorageVolumesIT {

    private static final String CAMERA_PASSWORD = "volume-Pa55word";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void aFailingVolumeIsTakenOutWritingMovesOnAndQuotaRetentionSparesLocks() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        Path second = Path.of(System.getProperty("vigil.it.dir"), "volume-second").toAbsolutePath();
        assertEquals(201, post(admin, "/api/v1/storage/volumes", "{\"name\":\"second\",\"path\":\"" + second + "\"}").statusCode());
        assertEquals(400, post(admin, "/api/v1/storage/volumes", "{\"name\":\"bad\",\"path\":\"relative/dir\"}").statusCode());
        long defaultId = volume(admin, "default").getJsonNumber("id").longValue();
        long secondId = volume(admin, "second").getJsonNumber("id").longValue();

        Path storage = VigilTestEnvironment.installation().home().root().resolve("storage");
        Path moved = storage.resolveSibling("storage.moved");
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(501, CAMERA_PASSWORD), 0)) {
            long camera = addCamera(admin, "volume gate", fleet.camera(0).rtspUrl());
            await("first segments on the default volume", 60, () -> count("SELECT count(*) FROM segment WHERE camera_id = ? "
                    + "AND volume = 'default'", camera) >= 2);

            // the default volume breaks: its directory is replaced by a plain file
            Files.move(storage, moved);
            Files.writeString(storage, "not a directory");
            try {
                await("segments move to the second volume", 30, () -> count("SELECT count(*) FROM segment WHERE camera_id = ? "
                        + "AND volume = 'second'", camera) >= 4);
                JsonObject failed = volume(admin, "default");
                assertEquals("FAILED", failed.getString("state"));
                assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'volume.failed' AND target = 'volume:default'") >= 1);
            } finally {
                Files.delete(storage);
                Files.move(moved, storage);
            }
            assertEquals("ACTIVE", json(post(admin, "/api/v1/storage/volumes/" + defaultId, "{\"state\":\"ACTIVE\"}"))
                    .asJsonObject().getString("state"));
            assertEquals(200, post(admin, "/api/v1/cameras/" + camera + "/disable", "").statusCode());
            VigilDeployment.awaitRecordingSealed(camera);

            // its oldest segment on the second volume is under a legal hold; so is a neighbour whose
            // recorded span touches it by a millisecond
            List<long[]> onSecond = segmentsOn(camera, "second");
            long lockedSeq = onSecond.get(0)[0];
            long lockFrom = onSecond.get(0)[1];
            long lockTo = onSecond.get(0)[2];
            assertEquals(201, post(admin, "/api/v1/evidence-locks", "{\"cameraId\":" + camera + ",\"from\":\""
                    + Instant.ofEpochMilli(lockFrom) + "\",\"to\":\"" + Instant.ofEpochMilli(lockTo)
                    + "\",\"reason\":\"case 4711\"}").statusCode());
            List<long[]> lockedSegments = onSecond.stream().filter(s -> s[1] < lockTo && s[2] > lockFrom).toList();
            List<Long> underLock = lockedSegments.stream().map(s -> s[0]).toList();
            // the quota leaves room for the locked bytes and half of the rest: retention must delete
            // unlocked segments, and can get under it without touching a locked one
            long used = volume(admin, "second").getJsonNumber("usedBytes").longValue();
            long lockedBytes = lockedSegments.stream().mapToLong(s -> s[3]).sum();
            long quota = lockedBytes + (used - lockedBytes) / 2;
            post(admin, "/api/v1/storage/volumes/" + secondId, "{\"quotaBytes\":" + quota + "}");
            assertEquals(200, post(admin, "/api/v1/storage/retention/run", "").statusCode());

            List<Long> retired = new ArrayList<>();
            List<Long> kept = new ArrayList<>();
            for (long[] s : onSecond) {
                (count("SELECT count(*) FROM segment WHERE camera_id = ? AND chain_seq = ? AND retired_ts IS NOT NULL",
                        camera, s[0]) == 1 ? retired : kept).add(s[0]);
            }
            assertTrue(kept.contains(lockedSeq), "the locked segment is kept");
            assertTrue(!retired.isEmpty(), "retention made room");
            long newestRetired = retired.get(retired.size() - 1);
            assertTrue(kept.containsAll(underLock), "every segment under the lock is kept: " + underLock + ", kept " + kept);
            assertTrue(kept.stream().filter(s -> !underLock.contains(s)).allMatch(s -> s > newestRetired), "oldest first: retired "
                    + retired + ", kept " + kept + ", under the lock " + underLock);
            assertTrue(volume(admin, "second").getJsonNumber("usedBytes").longValue() <= quota, "under the quota now");

            HttpResponse<String> integrity = get(admin, "/api/v1/cameras/" + camera + "/integrity");
            assertEquals(0, json(integrity).asJsonObject().getJsonArray("findings").size(), integrity.body());
        } finally {
            if (Files.isRegularFile(storage) && Files.isDirectory(moved)) {
                Files.delete(storage);
                Files.move(moved, storage);
            }
        }
    }

    private static List<long[]> segmentsOn(long camera, String volume) throws Exception {
        List<long[]> result = new ArrayList<>();
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                "SELECT chain_seq, (extract(epoch FROM start_ts) * 1000)::bigint, (extract(epoch FROM end_ts) * 1000)::bigint, "
                        + "bytes FROM segment WHERE camera_id = ? AND volume = ? ORDER BY start_ts")) {
            s.setLong(1, camera);
            s.setString(2, volume);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return result;
    }

    private static JsonObject volume(HttpClient admin, String name) throws Exception {
        for (JsonValue v : json(get(admin, "/api/v1/storage/volumes")).asJsonArray()) {
            if (v.asJsonObject().getString("name").equals(name)) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("no volume " + name);
    }

    @Test
    void withFourEyesReleasingALockDeletingRecordingsAndChangingRightsWaitForASecondPerson() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        // a second administrator from the directory, given the rights before four eyes are on
        VigilTestEnvironment.directory().addUser("second-admin", "Second-pw-1");
        for (String right : List.of("MANAGE_CAMERAS", "EVIDENCE_LOCK", "MANAGE_USERS")) {
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"second-admin\","
                    + "\"right\":\"" + right + "\"}").statusCode());
        }
        HttpClient second = VigilDeployment.signedIn("second-admin", "Second-pw-1");
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(511, CAMERA_PASSWORD), 0)) {
            long camera = addCamera(admin, "four eyes gate", fleet.camera(0).rtspUrl());
            await("4 segments", 60, () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", camera) >= 4);
            assertEquals(200, post(admin, "/api/v1/cameras/" + camera + "/disable", "").statusCode());
            VigilDeployment.awaitRecordingSealed(camera);
            List<Instant[]> segments = new ArrayList<>();
            try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                    "SELECT start_ts, end_ts FROM segment WHERE camera_id = ? ORDER BY start_ts")) {
                s.setLong(1, camera);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        segments.add(new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()});
                    }
                }
            }
            long releasable = lock(admin, camera, segments.get(0)[0], segments.get(0)[1], "case 17 first segment");
            lock(admin, camera, segments.get(2)[0].plusMillis(100), segments.get(2)[1].minusMillis(100), "case 18 kept");
            setProperty("vigil.four.eyes", "all");
            try {
                // 1. releasing an evidence lock waits; the requester cannot approve it, a second person can
                HttpResponse<String> release = post(admin, "/api/v1/evidence-locks/" + releasable + "/release", "");
                assertEquals(202, release.statusCode(), release.body());
                String approval = json(release).asJsonObject().getString("approval");
                assertEquals(0, count("SELECT count(*) FROM evidence_lock WHERE id = ? AND released_ts IS NOT NULL", releasable));
                assertEquals(403, post(admin, "/api/v1/approvals/" + approval + "/approve", "").statusCode(), "not by the requester");
                assertEquals(200, post(second, "/api/v1/approvals/" + approval + "/approve", "").statusCode());
                assertEquals(1, count("SELECT count(*) FROM evidence_lock WHERE id = ? AND released_by = 'admin, approved by second-admin'",
                        releasable));
                assertEquals(400, post(second, "/api/v1/approvals/" + approval + "/approve", "").statusCode(), "decided once");

                // 2. deleting recordings waits; a rejection deletes nothing; an approval deletes all but the locked segment
                String range = "{\"cameraId\":" + camera + ",\"from\":\"" + segments.get(0)[0] + "\",\"to\":\""
                        + segments.get(segments.size() - 1)[1] + "\",\"reason\":\"privacy request 5\"}";
                HttpResponse<String> asked = post(admin, "/api/v1/recordings/deletions", range);
                assertEquals(202, asked.statusCode(), asked.body());
                assertEquals(400, post(second, "/api/v1/approvals/" + json(asked).asJsonObject().getString("approval") + "/reject",
                        "{}").statusCode(), "a rejection needs a reason");
                assertEquals(200, post(second, "/api/v1/approvals/" + json(asked).asJsonObject().getString("approval") + "/reject",
                        "{\"comment\":\"no ticket\"}").statusCode());
                assertEquals(0, count("SELECT count(*) FROM segment WHERE camera_id = ? AND retired_ts IS NOT NULL", camera));
                HttpResponse<String> again = post(admin, "/api/v1/recordings/deletions", range);
                assertEquals(202, again.statusCode(), again.body());
                assertEquals(200, post(second, "/api/v1/approvals/" + json(again).asJsonObject().getString("approval") + "/approve", "")
                        .statusCode());
                assertEquals(segments.size() - 1, count("SELECT count(*) FROM segment WHERE camera_id = ? AND retired_ts IS NOT NULL",
                        camera), "every segment but the locked one deleted");
                assertEquals(1, count("SELECT count(*) FROM segment WHERE camera_id = ? AND retired_ts IS NULL AND start_ts = ?",
                        camera, Timestamp.from(segments.get(2)[0])), "the evidence-locked segment is kept");
                HttpResponse<String> integrity = get(admin, "/api/v1/cameras/" + camera + "/integrity");
                assertEquals(0, json(integrity).asJsonObject().getJsonArray("findings").size(), "deletions are accounted for: "
                        + integrity.body());

                // 3. a rights change waits too
                HttpResponse<String> grant = post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"third\","
                        + "\"right\":\"PLAYBACK\",\"cameraId\":" + camera + "}");
                assertEquals(202, grant.statusCode(), grant.body());
                assertEquals(0, count("SELECT count(*) FROM access_grant WHERE subject = 'third'"));
                assertEquals(200, post(second, "/api/v1/approvals/" + json(grant).asJsonObject().getString("approval") + "/approve", "")
                        .statusCode());
                assertEquals(1, count("SELECT count(*) FROM access_grant WHERE subject = 'third' AND granted_by = 'admin, approved by second-admin'"));
                assertEquals(3, count("SELECT count(*) FROM audit_event WHERE action = 'approval.approved' AND actor = 'second-admin'"));
                assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'approval.refused' AND actor = 'admin'") >= 1);
            } finally {
                setProperty("vigil.four.eyes", null);
            }
        }
    }

    @Test
    void segmentsThatFoundNoVolumeAreSweptFromTheSpoolOnceOneTakesThemAgain() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(521, CAMERA_PASSWORD), 0)) {
            long camera = addCamera(admin, "sweep gate", fleet.camera(0).rtspUrl());
            await("2 segments", 60, () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", camera) >= 2);
            // every volume out of service: sealing fails, the messages end in the dead-letter queue
            List<Long> active = new ArrayList<>();
            for (JsonValue v : json(get(admin, "/api/v1/storage/volumes")).asJsonArray()) {
                if ("ACTIVE".equals(v.asJsonObject().getString("state"))) {
                    active.add(v.asJsonObject().getJsonNumber("id").longValue());
                }
            }
            Instant outage = Instant.now();
            try {
                for (long id : active) {
                    assertEquals(200, post(admin, "/api/v1/storage/volumes/" + id, "{\"state\":\"DISABLED\"}").statusCode());
                }
                long sealed = count("SELECT count(*) FROM segment WHERE camera_id = ?", camera);
                // two whole segments recorded inside the outage, a little after it began, wait in the spool
                long after = outage.plusSeconds(2).toEpochMilli();
                await("two finished segments of the outage waiting in the spool", 60,
                        () -> finishedInSpool(camera).stream().filter(start -> start > after).count() >= 2);
                assertTrue(count("SELECT count(*) FROM segment WHERE camera_id = ?", camera) <= sealed + 1,
                        "nothing sealed without a volume (one may have been on its way)");
            } finally {
                for (long id : active) {
                    post(admin, "/api/v1/storage/volumes/" + id, "{\"state\":\"ACTIVE\"}");
                }
            }
            Instant restored = Instant.now();
            await("the outage's segments sealed by the spool sweep", 100, () -> count("SELECT count(*) FROM segment WHERE "
                    + "camera_id = ? AND start_ts > ? AND end_ts < ?", camera, Timestamp.from(outage.plusSeconds(2)),
                    Timestamp.from(restored)) >= 2);
            assertTrue(VigilDeployment.serverLog()
                    .contains("VIGIL00416"), "the sweep did it (VIGIL00416 logged)");
            HttpResponse<String> integrity = get(admin, "/api/v1/cameras/" + camera + "/integrity");
            assertEquals(0, json(integrity).asJsonObject().getJsonArray("findings").size(), integrity.body());
            assertEquals(200, post(admin, "/api/v1/cameras/" + camera + "/disable", "").statusCode());
        }
    }

    /** The start times of the camera's finished segments still in the recorder's spool (not sealed). */
    private static List<Long> finishedInSpool(long camera) {
        Path spool = VigilDeployment.spool();
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(camera + "-") && n.endsWith(".mp4"))
                    .map(n -> Long.parseLong(n.split("-")[1])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lock(HttpClient admin, long camera, Instant from, Instant to, String reason) throws Exception {
        HttpResponse<String> locked = post(admin, "/api/v1/evidence-locks", "{\"cameraId\":" + camera + ",\"from\":\"" + from
                + "\",\"to\":\"" + to + "\",\"reason\":\"" + reason + "\"}");
        return json(locked).asJsonObject().getJsonNumber("id").longValue();
    }

    @ArquillianResource
    private ManagementClient management;

    private void setProperty(String name, String value) throws Exception {
        VigilDeployment.setServerProperty(management, name, value);
    }

    private static long addCamera(HttpClient admin, String name, String url) throws Exception {
        HttpResponse<String> added = post(admin, "/api/v1/cameras", "{\"name\":\"" + name + "\",\"streamUrl\":\"" + url
                + "\",\"username\":\"admin\",\"password\":\"" + CAMERA_PASSWORD + "\",\"acceptInsecureTransport\":true}");
        assertEquals(201, added.statusCode(), added.body());
        return json(added).asJsonObject().getJsonNumber("id").longValue();
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out: " + what);
            Thread.sleep(500);
        }
    }

    private static JsonValue json(HttpResponse<String> response) {
        assertEquals(2, response.statusCode() / 100, response.body());
        return Json.createReader(new StringReader(response.body())).readValue();
    }
}
