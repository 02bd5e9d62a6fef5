package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.addCamera;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;
import static org.vigilvms.it.VigilDeployment.segmentStart;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.camera.CameraStatusChanged;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.jms.recording.SegmentRecordedBatch;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.storage.SegmentCrypto;
import org.vigilvms.testkit.camera.AudioProbe;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.DecodingClient;
import org.vigilvms.testkit.camera.FrameStamp;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.tools.IntegrityCheck;
import org.vigilvms.video.PictureSize;

/**
 * Cameras added over the REST API are recorded: the stored segments, decrypted with the
 * installation's keys and decoded by FFmpeg, hold every burned-in frame of the cameras in order,
 * and the per-camera hash chain verifies; a camera with wrong credentials is reported as such;
 * the integrity check names exactly the segment that was altered, deleted or edited in the index.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecordingIT {

    private static final String CAMERA_PASSWORD = "cam-Pa55word";
    private static VirtualCameraFleet fleet;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    /** Three cameras no test disturbs, for the 30 s recording; one more whose clock runs 1 % fast, for 40 s. */
    private static VirtualCameraFleet steady;
    private static VirtualCameraFleet fastClock;
    /** Those recordings, made while the other tests run; each ends with its cameras disabled and sealed. */
    private static CompletableFuture<List<Long>> thirtySeconds;
    private static CompletableFuture<Long> fortySecondsFast;
    private static long wrongPasswordId;

    @BeforeAll
    static void cameras() throws Exception {
        fleet = VirtualCameraFleet.start(3, CameraConfig.forTests(101, CAMERA_PASSWORD), 0);
        steady = VirtualCameraFleet.start(3, CameraConfig.forTests(111, CAMERA_PASSWORD), 0);
        steady.camera(0).sendAudio(true); // one camera with its microphone on: its sound is kept with the pictures
        // its sound comes 0.3 s after the pictures of its instant, as many cameras send it: the last segment,
        // cut when the camera is disabled, still gets the sound of its last pictures
        steady.camera(0).faults().soundLagMs = 300;
        steady.camera(1).sendAudio(VirtualCamera.Microphone.G711); // one in G.711, which MP4 cannot hold: re-encoded to AAC
        fastClock = VirtualCameraFleet.start(1, CameraConfig.forTests(121, CAMERA_PASSWORD), 0);
        fastClock.camera(0).faults().clockDriftPpm = 10_000; // 0.4 s ahead after 40 s if taken as it comes
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        List<Long> ids = new ArrayList<>();
        for (VirtualCamera camera : steady.cameras()) {
            ids.add(addCamera(admin, "gate " + camera.config().id(), camera.rtspUrl(), CAMERA_PASSWORD));
        }
        wrongPasswordId = addCamera(admin, "wrong password", steady.camera(0).rtspUrl(), "nope");
        long fast = addCamera(admin, "fast clock", fastClock.camera(0).rtspUrl(), CAMERA_PASSWORD);
        // 30 s and more: 9 segments of 4 s each, so link 7 in the test is not the newest
        long wrong = wrongPasswordId;
        thirtySeconds = meanwhile(() -> {
            List<Long> recorded = recordedThenDisabled(admin, ids, 9);
            post(admin, "/api/v1/cameras/" + wrong + "/disable", "");
            return recorded;
        });
        fortySecondsFast = meanwhile(() -> recordedThenDisabled(admin, List.of(fast), 11).get(0));
    }

    @AfterAll
    static void stopCameras() {
        fleet.close();
        steady.close();
        fastClock.close();
    }

    /** Work a test needs done first, started with the class so that its waiting passes while the other tests run. */
    private static <T> CompletableFuture<T> meanwhile(Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Waits until every camera has {@code segments} segments, then disables them and waits until all they recorded is sealed. */
    private static List<Long> recordedThenDisabled(HttpClient admin, List<Long> ids, int segments) throws Exception {
        VigilDeployment.await(segments + " segments of cameras " + ids, Duration.ofSeconds(90), () -> ids.stream().allMatch(
                id -> count("SELECT count(*) FROM segment WHERE camera_id = ?", id) >= segments));
        for (long id : ids) {
            assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/disable", "").statusCode());
        }
        for (long id : ids) {
            VigilDeployment.awaitRecordingSealed(id);
        }
        return ids;
    }

    @Test
    void threeCamerasRecordedForThirtySecondsKeepEveryFrameInOrder() throws Exception {
        List<Long> ids = thirtySeconds.get(3, TimeUnit.MINUTES);
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        for (int i = 0; i < ids.size(); i++) {
            List<StoredSegment> segments = new ArrayList<>();
            List<FrameStamp> stamps = decodeStoredVideo(ids.get(i), segments);
            List<AudioProbe.Sound> sounds = segments.stream().map(StoredSegment::sound).toList();
            for (AudioProbe.Sound sound : sounds) {
                if (i > 1) {
                    assertNull(sound.codec(), "no microphone, no sound track: " + sound);
                    continue;
                }
                // each segment holds the sound of its own pictures: same start, same length (to an AAC unit,
                // 64 ms here; re-encoded G.711 also starts an AAC frame early: the encoder's priming)
                assertEquals("aac", sound.codec(), "camera " + i);
                double pictures = sound.videoLast() - sound.videoFirst() + 0.04;
                assertTrue(Math.abs(sound.audioFirst() - sound.videoFirst()) < (i == 0 ? 0.07 : 0.15),
                        "camera " + i + ": sound starts with the pictures: " + sound);
                assertTrue(Math.abs(sound.decodedSeconds() - pictures) < 0.15, "camera " + i + ": sound as long as the pictures: " + sound);
                if (sound.decodedSeconds() >= 0.5) { // a segment cut just after its first picture (the camera disabled
                    // then) holds an AAC frame or two, too short to tell a tone from the encoder's start
                    assertTrue(sound.toneShare() > 0.8, "camera " + i + ": the camera's tone: " + sound);
                }
            }
            double soundSeconds = sounds.stream().mapToDouble(AudioProbe.Sound::decodedSeconds).sum();
            if (i <= 1) {
                assertTrue(Math.abs(soundSeconds - stamps.size() / 25.0) < 0.02 * stamps.size() / 25.0,
                        soundSeconds + " s of sound stored for " + stamps.size() / 25.0 + " s of pictures");
            }
            int expectedCamera = steady.camera(i).config().id();
            assertTrue(stamps.size() >= 25 * 28, "camera " + expectedCamera + ": " + stamps.size() + " frames stored");
            for (int f = 1; f < stamps.size(); f++) {
                assertEquals(expectedCamera, stamps.get(f).cameraId());
                assertEquals(stamps.get(f - 1).frameCounter() + 1, stamps.get(f).frameCounter(),
                        "camera " + expectedCamera + ": frame " + f + " follows its predecessor");
            }
        }
        assertEquals("UNAUTHORIZED", statusHistoryContains(wrongPasswordId, "UNAUTHORIZED") ? "UNAUTHORIZED" : "not reported");

        assertNoSecretInDatabase(CAMERA_PASSWORD);

        // integrity: intact, then each kind of tampering is named exactly where it is
        for (long id : ids) {
            assertEquals("[]", findings(admin, id), "camera " + id + " intact");
        }
        Path storage = VigilTestEnvironment.installation().home().root().resolve("storage");
        Path third = storage.resolve(ids.get(0) + "/3.vseg");
        byte[] bytes = Files.readAllBytes(third);
        bytes[bytes.length / 2] ^= 1;
        Files.write(third, bytes);
        assertEquals("[3:TAMPERED]", findings(admin, ids.get(0)));

        Files.delete(storage.resolve(ids.get(1) + "/4.vseg"));
        assertEquals("[4:MISSING_FILE]", findings(admin, ids.get(1)));

        try (Connection c = VigilDeployment.database()) {
            c.createStatement().executeUpdate("UPDATE segment SET start_ts = start_ts + interval '1 second' "
                    + "WHERE camera_id = " + ids.get(2) + " AND chain_seq = 5");
            c.createStatement().executeUpdate("DELETE FROM segment WHERE camera_id = " + ids.get(2) + " AND chain_seq = 7");
        }
        assertEquals("[5:INDEX_EDITED, 7:MISSING_FROM_INDEX]", findings(admin, ids.get(2)));
        // a time range walks only the positions that hold it (from: 0.2 s into a segment, to: the start of
        // one, so neighbours that abut within the clock's correction step stay out), each link still
        // checked against the one before
        long edited = ids.get(2);
        assertEquals("[]", findings(admin, edited, segmentStart(edited, 2).plusMillis(200), segmentStart(edited, 4)));
        assertEquals("[5:INDEX_EDITED]", findings(admin, edited, segmentStart(edited, 5).plusMillis(200), segmentStart(edited, 6)));
        assertEquals("[7:MISSING_FROM_INDEX]", findings(admin, edited, segmentStart(edited, 6).plusMillis(200),
                segmentStart(edited, 8)), "the range's last segment is followed by a deleted one");
        assertEquals("[7:MISSING_FROM_INDEX]", findings(admin, edited, segmentStart(edited, 8).plusMillis(200), null),
                "the range's first segment follows a deleted one");
        assertEquals(400, VigilDeployment.get(admin, "/api/v1/cameras/" + edited + "/integrity?from=yesterday").statusCode());

        // signed chain heads: what the chain alone cannot show
        for (long id : ids) {
            awaitSignedHead(id);
        }
        long newest = count("SELECT max(chain_seq) FROM segment WHERE camera_id = ?", ids.get(1));
        try (Connection c = VigilDeployment.database()) { // the two newest links removed, rows and files
            c.createStatement().executeUpdate("DELETE FROM segment WHERE camera_id = " + ids.get(1) + " AND chain_seq >= " + (newest - 1));
        }
        assertEquals("[4:MISSING_FILE, " + (newest - 1) + ":TRUNCATED]", findings(admin, ids.get(1)));
        // the same through the command-line tool an auditor runs
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = IntegrityCheck.run(new String[] {"--url", VigilDeployment.BASE, "--home",
                        VigilTestEnvironment.installation().home().root().toString(), "--camera", String.valueOf(ids.get(1))},
                VigilDeployment.adminPassword(), new PrintStream(printed, true), System.err);
        assertEquals(1, status, printed.toString());
        assertTrue(printed.toString().contains("position " + (newest - 1) + ": TRUNCATED"), printed.toString());
        assertTrue(printed.toString().contains("position 4: MISSING_FILE"), printed.toString());
        // from position 5 on: the truncation, not the missing file before the range
        printed.reset();
        status = IntegrityCheck.run(new String[] {"--url", VigilDeployment.BASE, "--home",
                        VigilTestEnvironment.installation().home().root().toString(), "--camera", String.valueOf(ids.get(1)),
                        "--from", segmentStart(ids.get(1), 5).plusMillis(200).toString()},
                VigilDeployment.adminPassword(), new PrintStream(printed, true), System.err);
        assertEquals(1, status, printed.toString());
        assertTrue(printed.toString().contains("position " + (newest - 1) + ": TRUNCATED")
                && !printed.toString().contains("MISSING_FILE"), printed.toString());

        // the intruder removes the heads over the removed links too: the server's own records agree again,
        // and only the head the SIEM received over TLS still names the links
        long truncated = ids.get(1);
        long anchoredTo = count("SELECT max(chain_seq) FROM chain_head WHERE camera_id = ?", truncated);
        awaitAnchored(truncated, anchoredTo);
        try (Connection c = VigilDeployment.database()) {
            c.createStatement().executeUpdate("DELETE FROM chain_head WHERE camera_id = " + truncated + " AND chain_seq >= " + (newest - 1));
        }
        assertEquals("[4:MISSING_FILE]", findings(admin, truncated), "the server alone no longer shows the removal");
        printed.reset();
        status = IntegrityCheck.run(new String[] {"--url", VigilDeployment.BASE, "--home",
                        VigilTestEnvironment.installation().home().root().toString(), "--camera", String.valueOf(truncated),
                        "--anchors", VigilTestEnvironment.siem().receivedFile().toString()},
                VigilDeployment.adminPassword(), new PrintStream(printed, true), System.err);
        assertEquals(1, status, printed.toString());
        assertTrue(printed.toString().contains("position " + (newest - 1) + ": REMOVED_WITH_HEADS (positions " + (newest - 1) + " to "
                + anchoredTo + " were signed"), printed.toString());
        // an anchor the server did not sign is refused, so no one can make the check say what they like
        String forged = "/api/v1/cameras/" + truncated + "/integrity?anchorSeq=" + (newest + 50) + "&anchorHash=" + "0".repeat(64)
                + "&anchorSignedAt=2026-12-03T10:00:00Z&anchorSignature=AAAA";
        assertEquals(400, VigilDeployment.get(admin, forged).statusCode());

        rewriteChainFrom(ids.get(0), 2); // a consistent chain recomputed after editing link 2
        long firstHeadAfter = count("SELECT min(chain_seq) FROM chain_head WHERE camera_id = ? AND chain_seq >= 2", ids.get(0));
        assertEquals(firstHeadAfter == 3 ? "[3:TAMPERED, 3:CHAIN_REWRITTEN]"
                : firstHeadAfter < 3 ? "[" + firstHeadAfter + ":CHAIN_REWRITTEN, 3:TAMPERED]"
                : "[3:TAMPERED, " + firstHeadAfter + ":CHAIN_REWRITTEN]", findings(admin, ids.get(0)));

        long forgedHead = count("SELECT max(chain_seq) FROM chain_head WHERE camera_id = ?", ids.get(2));
        try (Connection c = VigilDeployment.database()) {
            c.createStatement().executeUpdate("UPDATE chain_head SET signed_ts = signed_ts - interval '1 hour' "
                    + "WHERE camera_id = " + ids.get(2) + " AND chain_seq = " + forgedHead);
        }
        assertTrue(findings(admin, ids.get(2)).contains(forgedHead + ":HEAD_SIGNATURE_INVALID"));
    }

    /** Waits until the SIEM has received the camera's signed head at {@code seq} (syslog over TLS). */
    private static void awaitAnchored(long cameraId, long seq) throws Exception {
        VigilDeployment.await("the SIEM holds camera " + cameraId + "'s head " + seq, Duration.ofSeconds(30), () -> VigilTestEnvironment
                .siem().messages().stream().anyMatch(m -> m.contains("chain=\"camera:" + cameraId + "\" seq=\"" + seq + "\"")));
    }

    /** Waits until the server has signed a head over the camera's newest link. */
    private static void awaitSignedHead(long cameraId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        String newest = "SELECT max(chain_seq) FROM segment WHERE camera_id = ?";
        String signed = "SELECT coalesce(max(chain_seq), 0) FROM chain_head WHERE camera_id = ?";
        while (count(signed, cameraId) < count(newest, cameraId)) {
            assertTrue(Instant.now().isBefore(deadline), "no signed head over camera " + cameraId + "'s newest link");
            Thread.sleep(500);
        }
    }

    /** What an intruder with database access but without the signing key can do: edit a link and recompute the rest. */
    private static void rewriteChainFrom(long cameraId, long fromSeq) throws Exception {
        try (Connection c = VigilDeployment.database()) {
            c.createStatement().executeUpdate("UPDATE segment SET start_ts = start_ts - interval '1 second' "
                    + "WHERE camera_id = " + cameraId + " AND chain_seq = " + fromSeq);
            byte[] previous = null;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT chain_seq, start_ts, end_ts, sha256, chain_hash "
                    + "FROM segment WHERE camera_id = " + cameraId + " ORDER BY chain_seq")) {
                PreparedStatement update = c.prepareStatement("UPDATE segment SET chain_hash = ? WHERE camera_id = ? AND chain_seq = ?");
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    byte[] link = rs.getBytes(5);
                    if (seq >= fromSeq) {
                        link = SegmentCrypto.chainHash(previous, cameraId, seq, rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant(), rs.getBytes(4));
                        update.setBytes(1, link);
                        update.setLong(2, cameraId);
                        update.setLong(3, seq);
                        update.executeUpdate();
                    }
                    previous = link;
                }
            }
        }
    }

    @Test
    void aCameraWhoseClockRunsFastIsStillPlacedOnTheServersClockAndItsDriftIsLogged() throws Exception {
        long id = fortySecondsFast.get(3, TimeUnit.MINUTES);
        List<StoredSegment> segments = new ArrayList<>();
        decodeStoredVideo(id, segments);
        // the burned-in capture time is the truth: every segment starts within 150 ms of its first picture
        for (StoredSegment segment : segments) {
            long error = segment.start().toEpochMilli() - segment.first().captureTimeMs();
            assertTrue(Math.abs(error) <= 150, "segment " + segment.seq() + " placed " + error + " ms off (of "
                    + segments.size() + ")");
        }
        // gradually: neighbours neither overlap nor part by more than a slew step (2 % of a segment, StreamClock)
        for (int i = 1; i < segments.size(); i++) {
            StoredSegment previous = segments.get(i - 1);
            long step = Duration.between(previous.end(), segments.get(i).start()).toMillis();
            long slew = Duration.between(previous.start(), previous.end()).toMillis() * 20 / 1000;
            assertTrue(Math.abs(step) <= slew + 10, "between segments " + (i) + " and " + (i + 1) + ": " + step + " ms; "
                    + segments.stream().map(g -> g.seq() + ": " + g.start() + " - " + g.end() + " (first picture taken "
                            + (g.first() == null ? "-" : Instant.ofEpochMilli(g.first().captureTimeMs())) + ")").toList());
        }
        String log = VigilDeployment.serverLog();
        assertTrue(log.matches("(?s).*VIGIL00418: Camera " + id + ": its clock drifted -\\d+ ms.*"), "the drift is logged");
    }

    @Test
    void anRtspsCameraIsRecordedOnlyWithItsApprovedCertificate() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VirtualCamera camera = fleet.camera(1);
        long id = addCamera(admin, "tls gate", camera.rtspsUrl(), CAMERA_PASSWORD);
        String own = HexFormat.of().formatHex(SegmentCrypto.sha256(camera.certificate().getEncoded()));
        try {
            JsonObject unapproved = VigilDeployment.awaitStatus(admin, id, "CERTIFICATE_UNAPPROVED");
            assertEquals(own, unapproved.getString("presentedCertificateSha256"));
            assertEquals(0, segments(id), "nothing recorded before approval");

            assertEquals(400, post(admin, "/api/v1/cameras/" + id + "/approve-certificate",
                    "{\"sha256\":\"" + "00".repeat(32) + "\"}").statusCode(), "only what the camera presents can be approved");
            assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/approve-certificate",
                    "{\"sha256\":\"" + own + "\"}").statusCode());
            VigilDeployment.awaitStatus(admin, id, "ONLINE");
            Instant deadline = Instant.now().plusSeconds(20);
            while (segments(id) < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertTrue(segments(id) >= 2, "recorded after approval");

            camera.faults().presentOtherCertificate = true;
            camera.faults().dropAfterMs = 300; // the live connection drops; the recorder reconnects
            JsonObject mismatch = VigilDeployment.awaitStatus(admin, id, "CERTIFICATE_MISMATCH");
            assertTrue(!own.equals(mismatch.getString("presentedCertificateSha256")));
            assertTrue(auditCount("camera.certificate.mismatch", "camera:" + id) == 1, "one alert raised");
            VigilDeployment.awaitRecordingSealed(id); // what came before the impostor is sealed
            long stored = segments(id);
            Instant window = Instant.now().plusSeconds(6); // more than a segment: the impostor's would be sealed by then
            while (Instant.now().isBefore(window)) {
                assertEquals(stored, segments(id), "an impostor is not recorded");
                Thread.sleep(250);
            }
        } finally {
            camera.faults().clear();
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
        }
    }

    /**
     * Segments reach the storage service in batches; one that cannot be sealed (here: of a camera
     * the VMS does not know) must not keep the others of its batch from being sealed. Two finished
     * segments left in the spool go out together with the next spool sweep.
     */
    @Test
    void aSegmentThatCannotBeSealedIsLeftInTheSpoolAndTheOthersOfItsBatchAreSealed() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long id = addCamera(admin, "batch gate", fleet.camera(1).rtspUrl(), CAMERA_PASSWORD);
        VigilDeployment.await("3 segments", Duration.ofSeconds(60), () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", id) >= 3);
        assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/disable", "").statusCode());
        VigilDeployment.awaitRecordingSealed(id);
        long last = segments(id);
        Instant lastEnd = lastEnd(id);
        byte[] clear = storedClear(id, last);

        Path spool = VigilDeployment.spool();
        long startMs = lastEnd.toEpochMilli() + 1000;
        long unknownCamera = 999_999;
        Path late = spool.resolve(id + "-" + startMs + "-" + UUID.randomUUID() + ".mp4");
        Path stray = spool.resolve(unknownCamera + "-" + startMs + "-" + UUID.randomUUID() + ".mp4");
        FileTime minuteAgo = FileTime.from(Instant.now().minusSeconds(60));
        try {
            for (Path file : List.of(stray, late)) {
                Files.write(file, clear);
                Files.setLastModifiedTime(file, minuteAgo); // stale: the next sweep sends both
            }
            VigilDeployment.await("the late segment sealed", Duration.ofSeconds(45), () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", id) == last + 1);
            assertEquals(Instant.ofEpochMilli(startMs), segmentStart(id, last + 1));
            assertEquals("[]", findings(admin, id), "the chain verifies with it");
            assertTrue(Files.notExists(late), "sealed: gone from the spool");
            assertTrue(Files.exists(stray), "not sealed: still in the spool");
            String log = VigilDeployment.serverLog();
            assertTrue(log.contains("VIGIL00422: Segment " + stray + " of camera " + unknownCamera + " was not sealed"),
                    "the refusal is logged");
            assertEquals(0, count("SELECT count(*) FROM segment WHERE camera_id = ?", unknownCamera));
        } finally {
            Files.deleteIfExists(stray);
            Files.deleteIfExists(late);
        }
    }

    /**
     * Issue 18, item 5 on one node: another node takes the camera over, written into
     * {@code camera_owner} as the management server's move does it (camera row locked, epoch up by
     * one), while this node still records it. What this node recorded after it lost the camera is
     * kept aside, logged and audited, and never enters the chain; the other node holds no lease, so
     * the management server gives the camera back to this node under the next epoch, and the
     * chain goes on without a fork.
     */
    @Test
    void aSegmentRecordedAfterTheCameraMovedToAnotherNodeIsKeptAsideAndNeverEntersTheChain() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        Owned owned = recordedAndOwned(admin, "owned gate", fleet.camera(0));
        long id = owned.id();
        String node = owned.node();
        long epoch = owned.epoch();
        assertEquals(List.of(node), VigilDeployment.texts("SELECT node FROM recorder_node WHERE lease_until > now()"),
                "the one recorder node owns it");
        Path keptAside = VigilDeployment.spool().resolve("kept-aside");
        try {
            try (Connection c = VigilDeployment.database()) {
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM camera WHERE id = ? FOR UPDATE");
                     PreparedStatement move = c.prepareStatement(
                             "UPDATE camera_owner SET node = 'vigil-elsewhere', epoch = epoch + 1, since = now() WHERE camera_id = ?")) {
                    lock.setLong(1, id);
                    lock.executeQuery().close();
                    move.setLong(1, id);
                    assertEquals(1, move.executeUpdate());
                }
                c.commit();
            }
            VigilDeployment.await("the camera back on " + node + " under epoch " + (epoch + 2), Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM camera_owner WHERE camera_id = ? AND node = ? AND epoch = ?", id, node, epoch + 2) == 1);
            VigilDeployment.await("recorded again, under the new epoch", Duration.ofSeconds(60),
                    () -> count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_epoch = ?", id, epoch + 2) >= 1);
            // the segment under way when this node lost the camera was finished under the old epoch
            List<Path> aside = keptAside(keptAside, id, epoch);
            assertTrue(aside.size() >= 1, "a segment kept aside: " + aside);
            assertEquals(0, count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_epoch = ?", id, epoch + 1),
                    "the other node recorded nothing");
            assertEquals(count("SELECT count(*) FROM segment WHERE camera_id = ?", id),
                    count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_node = ? AND owner_epoch IN (?, ?)", id, node, epoch, epoch + 2),
                    "every link names the node and the epoch it was recorded under");
            String log = VigilDeployment.serverLog();
            for (Path file : aside) {
                long startMs = Long.parseLong(file.getFileName().toString().split("-")[1]);
                assertEquals(0, count("SELECT count(*) FROM segment WHERE camera_id = ? AND start_ts = ?", id,
                        Timestamp.from(Instant.ofEpochMilli(startMs))), file + " is not in the chain");
                // judged before or after the management server gave the camera back: either owner is named
                assertTrue(log.contains("/" + file.getFileName() + " of camera " + id + " was recorded by " + node
                        + " under ownership epoch " + epoch + ", but the camera belongs to "), "logged (VIGIL00426): " + file);
            }
            assertEquals(aside.size(), auditCount("segment.kept.aside", "camera:" + id), "each audited once");
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'camera.owner' AND target = ? AND actor = 'svc-management' "
                    + "AND detail = ?", "camera:" + id, "vigil-elsewhere (epoch " + (epoch + 1) + ") -> " + node + " (epoch " + (epoch + 2) + ")"));
            assertEquals("[]", findings(admin, id), "the chain verifies: no fork, no gap in the links");
        } finally {
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
            VigilDeployment.awaitRecordingSealed(id);
            for (Path file : keptAside(keptAside, id, epoch)) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Issue 18, item 4 on one node: a camera pinned by its administrator to another recorder node
     * ({@code vigil-far}, not running) is handed over to it and recorded by nobody while that node
     * is down, not by the node that is alive; unpinned, it comes back under the next epoch and its
     * chain goes on without a fork. Bad node names are refused with 400.
     */
    @Test
    void aCameraPinnedToARecorderNodeThatIsDownIsRecordedByNoOtherAndComesBackWhenUnpinned() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        Owned owned = recordedAndOwned(admin, "pinned gate", fleet.camera(2));
        long id = owned.id();
        String node = owned.node();
        long epoch = owned.epoch();
        try {
            for (String bad : List.of("-far", "vigil far", "x".repeat(65))) {
                HttpResponse<String> refused = post(admin, "/api/v1/cameras/" + id + "/recorder-pin",
                        Json.createObjectBuilder().add("node", bad).build().toString());
                assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
                assertTrue(refused.body().contains("a node name is 1-64 letters, digits"), refused.body());
            }
            HttpResponse<String> pinned = post(admin, "/api/v1/cameras/" + id + "/recorder-pin", "{\"node\": \"vigil-far\"}");
            assertEquals(200, pinned.statusCode(), pinned.body());
            assertEquals("vigil-far", Json.createReader(new StringReader(pinned.body())).readObject().getString("recorderPin"));
            VigilDeployment.await("the camera handed over to vigil-far", Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM camera_owner WHERE camera_id = ? AND node = 'vigil-far' AND epoch = ?", id, epoch + 1) == 1);
            Instant moved = Instant.now();
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'camera.owner' AND target = ? AND detail = ?",
                    "camera:" + id, node + " (epoch " + epoch + ") -> vigil-far (epoch " + (epoch + 1) + "), handed over"));
            // this node stops at once; at most the segment it was recording is still sealed, under the old epoch
            VigilDeployment.holdsFor("no segment of the pinned camera begins after the move", Duration.ofSeconds(10),
                    () -> count("SELECT count(*) FROM segment WHERE camera_id = ? AND start_ts > ?", id,
                            Timestamp.from(moved.plusSeconds(2))) == 0);
            assertEquals(0, count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_epoch > ?", id, epoch));
            JsonObject shown = listed(admin, id);
            assertEquals("vigil-far", shown.getString("recordedBy"));
            assertTrue(shown.getBoolean("recorderDown"), "the camera list says nobody records it: " + shown);
            // nor is there a live picture: asked for one, the node says where the camera is recorded, and the refusal is audited
            String down = "camera " + id + " is recorded by the node vigil-far, which is down: its live picture comes back with that node";
            for (String media : List.of("/live", "/snapshot")) {
                HttpResponse<String> refused = get(admin, "/api/v1/cameras/" + id + media);
                assertEquals(400, refused.statusCode(), media + ": " + refused.body());
                assertEquals(down, Json.createReader(new StringReader(refused.body())).readObject().getString("error"));
                assertEquals(1, count("SELECT count(*) FROM audit_event WHERE actor = 'admin' AND action = 'request.rejected' "
                        + "AND target = ? AND detail = ?", "GET /api/v1/cameras/" + id + media, down));
            }

            HttpResponse<String> unpinned = post(admin, "/api/v1/cameras/" + id + "/recorder-pin", "{\"node\": null}");
            assertEquals(200, unpinned.statusCode(), unpinned.body());
            VigilDeployment.await("recorded again by " + node + " under epoch " + (epoch + 2), Duration.ofSeconds(60),
                    () -> count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_node = ? AND owner_epoch = ?", id, node,
                            epoch + 2) >= 1);
            JsonObject back = listed(admin, id);
            assertEquals(node, back.getString("recordedBy"));
            assertFalse(back.getBoolean("recorderDown"), back.toString());
            HttpResponse<String> ticket = get(admin, "/api/v1/cameras/" + id + "/live");
            assertEquals(200, ticket.statusCode(), "its live picture is back with its recorder: " + ticket.body());
            assertEquals(List.of("vigil-far", "any recorder node"), VigilDeployment.texts(
                    "SELECT detail FROM audit_event WHERE action = 'camera.pinned' AND target = ? ORDER BY id", "camera:" + id));
            assertEquals("[]", findings(admin, id), "the chain verifies across the time nobody recorded it");
        } finally {
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
            VigilDeployment.awaitRecordingSealed(id);
        }
    }

    @Test
    void aRecorderNodeCannotExtendTheChainNorReportTheStatusOfACameraItDoesNotOwn() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        Owned owned = recordedAndOwned(admin, "fenced gate", fleet.camera(1));
        long id = owned.id();
        String owner = owned.node();
        long epoch = owned.epoch();
        // another recorder node, enrolled by the administrator, with a segment of its own in hand
        RemoteNode rogue = RemoteNode.enrolled(ServiceIdentity.RECORDER, "vigil-rogue");
        Path forged = VigilDeployment.spool().resolve("forged-" + id);
        Files.createDirectories(forged);
        try {
            byte[] clear = storedClear(id, 1);
            long start = lastEnd(id).plus(Duration.ofHours(1)).toEpochMilli();
            Path posingFile = Files.write(forged.resolve(id + "-" + start + "-e" + epoch + "-posing.mp4"), clear);
            Path honestFile = Files.write(forged.resolve(id + "-" + (start + 4000) + "-e" + epoch + "-honest.mp4"), clear);

            // it names the owner and the owner's epoch: refused whole, audited under the key that signed it
            rogue.send(rogue.seal(Destinations.SEGMENTS, SegmentRecordedBatch.TYPE, new SegmentRecordedBatch(List.of(
                    new SegmentRecorded(id, posingFile.toString(), start, 4000, 100, owner, epoch)))));
            String why = "WRONG_NODE: svc-recorder@vigil-rogue signed a segment of camera " + id + " recorded by node " + owner
                    + "; a recorder speaks for its own node only";
            VigilDeployment.await("the refusal audited", Duration.ofSeconds(30), () -> count(
                    "SELECT count(*) FROM audit_event WHERE action = 'jms.rejected' AND actor = 'svc-recorder@vigil-rogue' AND detail = ?",
                    why) == 1);
            // named honestly, its segment meets the chain fence as any non-owner's does: kept aside
            rogue.send(rogue.seal(Destinations.SEGMENTS, SegmentRecordedBatch.TYPE, new SegmentRecordedBatch(List.of(
                    new SegmentRecorded(id, honestFile.toString(), start + 4000, 4000, 100, "vigil-rogue", epoch)))));
            VigilDeployment.await("the honest segment kept aside", Duration.ofSeconds(30),
                    () -> Files.exists(forged.resolve("kept-aside").resolve(honestFile.getFileName())));

            assertEquals(0, count("SELECT count(*) FROM segment WHERE camera_id = ? AND start_ts >= ?", id,
                    Timestamp.from(Instant.ofEpochMilli(start))), "neither entered the chain");
            assertTrue(Files.exists(posingFile), "the refused segment is left where it was, not sealed nor moved");

            // nor does it report the camera's status: refused and audited, the camera stays as its owner reported it
            String status = VigilDeployment.text("SELECT status FROM camera WHERE id = ?", id);
            rogue.send(rogue.seal(Destinations.CAMERA_STATUS, CameraStatusChanged.TYPE,
                    new CameraStatusChanged(id, "OFFLINE", "posing as its recorder", Instant.now().toEpochMilli())));
            String statusWhy = "WRONG_NODE: svc-recorder@vigil-rogue reported the status of camera " + id + ", which node " + owner + " records";
            VigilDeployment.await("the status refusal audited", Duration.ofSeconds(30), () -> count(
                    "SELECT count(*) FROM audit_event WHERE action = 'jms.rejected' AND actor = 'svc-recorder@vigil-rogue' AND detail = ?",
                    statusWhy) == 1);
            assertEquals(status, VigilDeployment.text("SELECT status FROM camera WHERE id = ?", id));
            assertEquals(0, count("SELECT count(*) FROM audit_event WHERE action = 'camera.status' AND target = ? AND detail LIKE '%posing%'",
                    "camera:" + id));
            assertEquals(List.of(owner + " " + epoch), VigilDeployment.texts(
                    "SELECT DISTINCT owner_node || ' ' || owner_epoch FROM segment WHERE camera_id = ?", id), "every link is the owner's");
            assertEquals("[]", findings(admin, id), "the chain verifies");
        } finally {
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
            VigilDeployment.awaitRecordingSealed(id);
            try (Stream<Path> files = Files.walk(forged)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The camera as the camera list (GET /api/v1/cameras) shows it. */
    private static JsonObject listed(HttpClient admin, long id) throws Exception {
        HttpResponse<String> list = VigilDeployment.get(admin, "/api/v1/cameras");
        assertEquals(200, list.statusCode(), list.body());
        return Json.createReader(new StringReader(list.body())).readArray().getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getJsonNumber("id").longValue() == id).findFirst().orElseThrow();
    }

    /** A camera being recorded: its id, and the node that owns it under which epoch. */
    private record Owned(long id, String node, long epoch) {
    }

    /** Adds {@code camera} as {@code name} and waits for its first sealed segment. */
    private static Owned recordedAndOwned(HttpClient admin, String name, VirtualCamera camera) throws Exception {
        long id = addCamera(admin, name, camera.rtspUrl(), CAMERA_PASSWORD);
        VigilDeployment.await("a segment", Duration.ofSeconds(60), () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", id) >= 1);
        return new Owned(id, VigilDeployment.text("SELECT node FROM camera_owner WHERE camera_id = ?", id),
                count("SELECT epoch FROM camera_owner WHERE camera_id = ?", id));
    }

    /** The camera's segments the storage service kept aside, recorded under {@code epoch}. */
    private static List<Path> keptAside(Path folder, long cameraId, long epoch) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(cameraId + "-")
                    && f.getFileName().toString().contains("-e" + epoch + "-")).sorted().toList();
        }
    }

    private static Instant lastEnd(long cameraId) throws Exception {
        try (Connection c = VigilDeployment.database();
             PreparedStatement s = c.prepareStatement("SELECT max(end_ts) FROM segment WHERE camera_id = ?")) {
            s.setLong(1, cameraId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** A stored segment decrypted, as the recorder wrote it to the spool. */
    private static byte[] storedClear(long cameraId, long seq) throws Exception {
        Path home = VigilTestEnvironment.installation().home().root();
        try (Connection c = VigilDeployment.database();
             PreparedStatement s = c.prepareStatement("SELECT path FROM segment WHERE camera_id = ? AND chain_seq = ?")) {
            s.setLong(1, cameraId);
            s.setLong(2, seq);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return KeyVault.open(dataKey(c, home, cameraId), Files.readAllBytes(home.resolve("storage").resolve(rs.getString(1))),
                        SegmentCrypto.segmentAad(cameraId, seq));
            }
        }
    }

    /** The camera's data key, unwrapped with the installation's master key. */
    private static byte[] dataKey(Connection c, Path home, long cameraId) throws Exception {
        KeyVault vault = new KeyVault(Files.readAllBytes(home.resolve("secrets/master.key")));
        try (PreparedStatement s = c.prepareStatement("SELECT data_key_wrapped FROM camera WHERE id = ?")) {
            s.setLong(1, cameraId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return vault.openWithMaster(rs.getBytes(1), CameraKeys.dataKeyAad(cameraId));
            }
        }
    }

    @Test
    void aCameraDroppedAndRestoredLeavesAGapOfTheOutageAndTwoStatusEvents() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VirtualCamera camera = fleet.camera(2);
        long id = addCamera(admin, "flaky gate", camera.rtspUrl(), CAMERA_PASSWORD);
        try {
            VigilDeployment.awaitStatus(admin, id, "ONLINE");
            // enabling a camera that is enabled changes nothing: it records on, ONLINE, and no second session starts
            // (the one gap below is the outage's)
            assertEquals("ONLINE", VigilDeployment.json(post(admin, "/api/v1/cameras/" + id + "/enable", "")).asJsonObject()
                    .getString("status"));
            Thread.sleep(6000);
            camera.faults().stall = true;
            VigilDeployment.awaitStatus(admin, id, "OFFLINE");
            Thread.sleep(4000);
            camera.faults().stall = false;
            VigilDeployment.awaitStatus(admin, id, "ONLINE");
            Thread.sleep(6000);
        } finally {
            camera.faults().clear();
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
        }
        VigilDeployment.awaitRecordingSealed(id);
        List<long[]> spans = new ArrayList<>();
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                "SELECT start_ts, end_ts FROM segment WHERE camera_id = ? ORDER BY start_ts")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    spans.add(new long[] {rs.getTimestamp(1).getTime(), rs.getTimestamp(2).getTime()});
                }
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < spans.size(); i++) {
            gaps.add(spans.get(i)[0] - spans.get(i - 1)[1]);
        }
        long outage = gaps.stream().mapToLong(Long::longValue).max().orElse(0);
        assertTrue(outage >= 5000 && outage <= 30_000, "one gap the length of the outage: " + gaps);
        assertEquals(1, gaps.stream().filter(g -> g > 500).count(), "otherwise continuous: " + gaps);
        assertTrue(gaps.stream().allMatch(g -> g > -100), "segments never overlap: " + gaps);
        List<String> statuses = new ArrayList<>();
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                "SELECT split_part(detail, ':', 1) FROM audit_event WHERE action = 'camera.status' AND target = ? ORDER BY id")) {
            s.setString(1, "camera:" + id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
        }
        assertEquals(List.of("ONLINE", "OFFLINE", "ONLINE"), statuses);
        assertEquals(0, count("SELECT count(*) FROM audit_event WHERE action = 'camera.enabled' AND target = ?", "camera:" + id),
                "no change, nothing to audit");
    }

    /**
     * Issue 22, bad input: a camera reconfigured while it streams (640x360, then 480x270, in the
     * same RTSP session), whose SDP, as some cameras' do, goes on describing 640x360. The session
     * ends at the first key picture of the new size with that reason as the camera's status; what
     * came before is sealed at the old size, recording goes on at once at the new size (as the
     * pictures' own parameter sets describe it, not the SDP), no segment mixes the two, and the
     * chain verifies across the change.
     */
    @Test
    void aCameraThatChangesItsPictureSizeWhileStreamingIsRecordedOnAtTheNewSizeWithTheReasonInItsStatus() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VirtualCamera camera = fleet.camera(0);
        long id = addCamera(admin, "resized gate", camera.rtspUrl(), CAMERA_PASSWORD);
        String reason = "the camera changed its pictures from 640x360 to 480x270 while streaming; "
                + "connecting again to record them at the new size";
        String subReason = "the camera changed its sub-stream pictures from 320x180 to 384x216 while streaming; "
                + "connecting again to show them at the new size";
        assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/sub-stream", "{\"url\":\"" + camera.subRtspUrl() + "\"}").statusCode());
        try {
            VigilDeployment.await("two segments", Duration.ofSeconds(60), () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", id) >= 2);
            VigilDeployment.awaitCamera(admin, id, "its sub-stream online", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
            Instant changed = Instant.now();
            camera.faults().staleDescription = true;
            camera.faults().changePictureSize(480, 270);
            camera.faults().changeSubPictureSize(384, 216);
            VigilDeployment.await("the change in the camera's status history", Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM audit_event WHERE action = 'camera.status' AND target = ? AND detail = ?",
                            "camera:" + id, "OFFLINE: " + reason) == 1);
            // the sub-stream the same way: its session ends with the reason as its state, the next one is described by
            // its pictures, so a small live tile opened now is told their size (its SDP still says 320x180)
            VigilDeployment.await("the sub-stream's change in its state history", Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM audit_event WHERE action = 'camera.substream.status' AND target = ? AND detail = ?",
                            "camera:" + id, "OFFLINE: " + subReason) == 1);
            VigilDeployment.awaitCamera(admin, id, "its sub-stream online again", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
            PictureSize[] tile = new PictureSize[1];
            VigilDeployment.await("a small tile gets the sub-stream again", Duration.ofSeconds(30), () -> {
                tile[0] = smallTileDescribes(admin, id);
                return !tile[0].equals(new PictureSize(480, 270)); // the main stream's, until the sub-stream's feed is back
            });
            assertEquals(new PictureSize(384, 216), tile[0], "the sub-stream described as it is sent");
            VigilDeployment.await("two segments begun after the change", Duration.ofSeconds(60),
                    () -> count("SELECT count(*) FROM segment WHERE camera_id = ? AND start_ts > ?", id, Timestamp.from(changed)) >= 2);
        } finally {
            try {
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
                VigilDeployment.awaitRecordingSealed(id);
            } finally {
                camera.faults().clear(); // back to 640x360 once nothing records it: no second change in its history
            }
        }
        List<String> sizes = new ArrayList<>();
        for (long seq = 1; seq <= count("SELECT max(chain_seq) FROM segment WHERE camera_id = ?", id); seq++) {
            Path mp4 = Files.createTempFile("resized-" + seq, ".mp4");
            try {
                Files.write(mp4, storedClear(id, seq));
                Set<String> inSegment = new TreeSet<>();
                DecodingClient.decode(mp4.toString(), Duration.ofSeconds(30), picture -> inSegment.add(picture.width() + "x" + picture.height()));
                assertEquals(1, inSegment.size(), "segment " + seq + " holds pictures of one size: " + inSegment);
                sizes.add(inSegment.iterator().next());
                // what a player reads before any picture (the sample description's SPS) is what the pictures are
                assertEquals(inSegment.iterator().next(), String.valueOf(describedSize(Files.readAllBytes(mp4))),
                        "segment " + seq + " describes its pictures as they are");
            } finally {
                Files.delete(mp4);
            }
        }
        int atOldSize = sizes.lastIndexOf("640x360") + 1;
        assertTrue(atOldSize >= 2, "recorded at 640x360 first: " + sizes);
        assertEquals(sizes.size() - atOldSize, Collections.frequency(sizes, "480x270"),
                "then at 480x270 only, from the change on: " + sizes);
        assertTrue(sizes.size() - atOldSize >= 2, sizes.toString());
        long gap = count("SELECT (extract(epoch FROM b.start_ts - a.end_ts) * 1000)::bigint FROM segment a JOIN segment b "
                + "ON b.camera_id = a.camera_id AND b.chain_seq = a.chain_seq + 1 WHERE a.camera_id = ? AND a.chain_seq = ?", id, atOldSize);
        System.out.printf("picture size change: recording gap %d ms%n", gap);
        assertTrue(gap < 10_000, "connected again at once, not after a back-off: " + gap + " ms");
        assertEquals(List.of("ONLINE", "OFFLINE: " + reason, "ONLINE"), VigilDeployment.texts(
                "SELECT detail FROM audit_event WHERE action = 'camera.status' AND target = ? ORDER BY id", "camera:" + id));
        assertEquals("[]", findings(admin, id), "the chain verifies across the change");
        assertTrue(VigilDeployment.serverLog().contains("VIGIL00432: Camera " + id + ": its SDP describes pictures of 640x360, but it sends 480x270"),
                "the lagging SDP is logged");
    }

    /** The picture size the first SPS of an H.264 segment's sample description (avcC) gives. */
    /** The picture size the initialisation segment of a 320 px live tile of the camera describes. */
    private static PictureSize smallTileDescribes(HttpClient client, long camera) {
        try {
            LiveSockets.Opened tile = LiveSockets.open(client, LiveSockets.ticketPath(client, camera) + "&w=320");
            try {
                return describedSize(tile.init());
            } finally {
                tile.abort();
            }
        } catch (Exception e) {
            throw new AssertionError("no live tile of camera " + camera, e);
        }
    }

    private static PictureSize describedSize(byte[] mp4) {
        for (int i = 4; i + 10 < mp4.length; i++) {
            if (mp4[i] == 'a' && mp4[i + 1] == 'v' && mp4[i + 2] == 'c' && mp4[i + 3] == 'C') {
                int config = i + 4; // version, profile, compatibility, level, length size, SPS count, then each SPS's length
                int length = (mp4[config + 6] & 0xff) << 8 | mp4[config + 7] & 0xff;
                byte[] sps = new byte[3 + length];
                sps[2] = 1; // behind a start code, as PictureSize reads it
                System.arraycopy(mp4, config + 8, sps, 3, length);
                return PictureSize.inAccessUnit(false, sps, sps.length);
            }
        }
        throw new AssertionError("no avcC box in the segment");
    }

    @Test
    void retentionRemovesOldRecordingsButNeverAnEvidenceLockedRange() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long id = addCamera(admin, "retention gate", fleet.camera(0).rtspUrl(), CAMERA_PASSWORD);
        Path storage = VigilTestEnvironment.installation().home().root().resolve("storage");
        try {
            VigilDeployment.awaitStatus(admin, id, "ONLINE");
            Instant deadline = Instant.now().plusSeconds(40);
            while (segments(id) < 5 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            Instant lockFrom;
            Instant lockTo;
            try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                    "SELECT min(start_ts), max(end_ts) FROM segment WHERE camera_id = ? AND chain_seq IN (3, 4)")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    lockFrom = rs.getTimestamp(1).toInstant();
                    lockTo = rs.getTimestamp(2).toInstant();
                }
            }
            // inside segments 3..4 by a margin: neighbouring segments abut within a millisecond or two
            HttpResponse<String> lock = post(admin, "/api/v1/evidence-locks", "{\"cameraId\":" + id + ",\"from\":\""
                    + lockFrom.plusMillis(100) + "\",\"to\":\"" + lockTo.minusMillis(100) + "\",\"reason\":\"case 42\"}");
            assertEquals(201, lock.statusCode(), lock.body());
            long lockId = Long.parseLong(lock.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
            assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/retention", "{\"maxAgeSeconds\":3}").statusCode());
            assertEquals(200, post(admin, "/api/v1/storage/retention/run", "").statusCode());

            Instant horizon = Instant.now().minusSeconds(3);
            long latestRetiredEnd = 0;
            try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                    "SELECT chain_seq, end_ts, retired_ts IS NOT NULL, path FROM segment WHERE camera_id = ? ORDER BY chain_seq")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        boolean retired = rs.getBoolean(3);
                        boolean fileThere = Files.exists(storage.resolve(rs.getString(4)));
                        assertEquals(!retired, fileThere, "segment " + seq + ": the disk is freed exactly for retired segments");
                        if (seq == 3 || seq == 4) {
                            assertTrue(!retired, "segment " + seq + " is under the evidence lock");
                        } else if (seq <= 2) {
                            assertTrue(retired, "old segment " + seq + " removed");
                        }
                        if (retired) {
                            latestRetiredEnd = Math.max(latestRetiredEnd, rs.getTimestamp(2).getTime());
                        }
                    }
                }
            }
            assertTrue(latestRetiredEnd <= horizon.toEpochMilli() + 1000, "nothing newer than the maximum age was removed");
            assertEquals("[]", findings(admin, id), "the chain still verifies over the tombstones");
            assertEquals(1, auditCount("evidence.locked", "camera:" + id));
            assertTrue(auditCount("segment.deleted", "camera:" + id) >= 1);

            assertEquals(204, post(admin, "/api/v1/evidence-locks/" + lockId + "/release", "").statusCode());
            post(admin, "/api/v1/storage/retention/run", "");
            try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM segment WHERE camera_id = ? AND chain_seq IN (3, 4) AND retired_ts IS NOT NULL")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertEquals(2, rs.getLong(1), "released: the held segments go too");
                }
            }
        } finally {
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
        }
    }

    @Test
    void aCameraDiscoveredAndAddedThroughOnvifIsRecordedAndSteeredThroughTheVms() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VirtualCamera camera = fleet.camera(2);
        HttpResponse<String> discovered = admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE
                + "/api/v1/cameras/discovery?target=127.0.0.1:" + fleet.discovery().port())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, discovered.statusCode(), discovered.body());
        for (VirtualCamera c : fleet.cameras()) {
            assertTrue(discovered.body().contains(c.onvifDeviceUrl()), "discovered " + c.onvifDeviceUrl() + ": " + discovered.body());
        }
        HttpResponse<String> refused = post(admin, "/api/v1/cameras/onvif", "{\"name\":\"onvif wrong\",\"deviceUrl\":\""
                + camera.onvifDeviceUrl() + "\",\"username\":\"admin\",\"password\":\"wrong\",\"acceptInsecureTransport\":true}");
        assertEquals(502, refused.statusCode(), "wrong ONVIF credentials are refused by the camera: " + refused.body());
        HttpResponse<String> added = post(admin, "/api/v1/cameras/onvif", "{\"name\":\"onvif dome\",\"deviceUrl\":\""
                + camera.onvifDeviceUrl() + "\",\"username\":\"admin\",\"password\":\"" + CAMERA_PASSWORD
                + "\",\"acceptInsecureTransport\":true}");
        assertEquals(201, added.statusCode(), added.body());
        long id = Long.parseLong(added.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        assertTrue(added.body().contains(camera.rtspUrl()), "stream URI read from the camera's profile: " + added.body());
        assertTrue(added.body().contains("\"subStreamUrl\":\"" + camera.subRtspUrl() + "\""),
                "its smaller profile became the sub-stream: " + added.body());
        try {
            VigilDeployment.awaitStatus(admin, id, "ONLINE");
            VigilDeployment.awaitCamera(admin, id, "its sub-stream online", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
            assertEquals(204, post(admin, "/api/v1/cameras/" + id + "/ptz",
                    "{\"action\":\"absolute\",\"pan\":0.4,\"tilt\":-0.2,\"zoom\":0.3}").statusCode());
            assertEquals(400, camera.ptz().pan());
            assertEquals(-200, camera.ptz().tilt());
            assertEquals(300, camera.ptz().zoom());
            assertEquals(204, post(admin, "/api/v1/cameras/" + id + "/ptz",
                    "{\"action\":\"continuous\",\"pan\":0.5}").statusCode());
            Thread.sleep(600);
            assertEquals(204, post(admin, "/api/v1/cameras/" + id + "/ptz", "{\"action\":\"stop\"}").statusCode());
            assertTrue(camera.ptz().pan() > 400 && !camera.ptz().moving(), "moved right, then stopped: " + camera.ptz().pan());
            assertEquals(400, post(admin, "/api/v1/cameras/" + id + "/ptz",
                    "{\"action\":\"absolute\",\"pan\":7}").statusCode(), "out-of-range input is refused");
            assertEquals(3, auditCount("camera.ptz", "camera:" + id));
        } finally {
            camera.ptz().absoluteMove(0, 0, 0);
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
        }
    }

    /** Every value of every table, as text (what a data dump holds), must not contain the secret. */
    @Test
    void anRtspsCameraWithACertificateFromATrustedCaIsRecordedWithoutAPinAndAnImpostorRaisesAnAlert() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VirtualCamera camera = fleet.camera(2);
        long id = addCamera(admin, "trusted maker gate", camera.rtspsUrl(), CAMERA_PASSWORD);
        String caId = null;
        try {
            VigilDeployment.awaitStatus(admin, id, "CERTIFICATE_UNAPPROVED");
            assertEquals(400, post(admin, "/api/v1/cameras/trusted-cas", "{\"name\":\"garbage\",\"pem\":\"not a certificate\"}")
                    .statusCode());
            assertEquals(400, post(admin, "/api/v1/cameras/trusted-cas", Json.createObjectBuilder().add("name", "a leaf")
                    .add("pem", pem(camera.certificate())).build().toString()).statusCode(), "a camera's own certificate is no CA");
            HttpResponse<String> trusted = post(admin, "/api/v1/cameras/trusted-cas", Json.createObjectBuilder()
                    .add("name", "virtual camera maker").add("pem", pem(fleet.manufacturer().certificate())).build().toString());
            assertEquals(201, trusted.statusCode(), trusted.body());
            caId = trusted.body().replaceAll(".*\"id\":(\\d+).*", "$1");
            // reconnect now rather than after the backoff
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
            post(admin, "/api/v1/cameras/" + id + "/enable", "");
            VigilDeployment.awaitStatus(admin, id, "ONLINE");
            VigilDeployment.await("recorded without a pin", Duration.ofSeconds(20), () -> count(
                    "SELECT count(*) FROM segment WHERE camera_id = ?", id) >= 2);
            assertTrue(auditCount("camera.certificate.trusted", "camera:" + id) >= 1, "the connection on the CA's word is audited");

            camera.faults().presentOtherCertificate = true; // issued by another CA
            camera.faults().dropAfterMs = 300;
            VigilDeployment.awaitStatus(admin, id, "CERTIFICATE_MISMATCH");
            assertEquals(1, auditCount("camera.certificate.mismatch", "camera:" + id), "one alert raised");
        } finally {
            camera.faults().clear();
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
            if (caId != null) {
                admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras/trusted-cas/" + caId)).DELETE()
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void eventRecordingKeepsTheEventsWithTheirBuffersAndScheduledRecordingOnlyItsHours() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long onEvent = addCamera(admin, "mode event", fleet.camera(1).rtspUrl(), CAMERA_PASSWORD);
        long scheduled = addCamera(admin, "mode schedule", fleet.camera(1).rtspUrl(), CAMERA_PASSWORD);
        HttpResponse<String> event = post(admin, "/api/v1/cameras/" + onEvent + "/recording-mode",
                "{\"mode\":\"EVENT\",\"preBufferSeconds\":2,\"postBufferSeconds\":2}");
        assertEquals(200, event.statusCode(), event.body());
        // a timetable that leaves out today (in UTC)
        String otherDay = LocalDate.now(ZoneOffset.UTC).getDayOfWeek().plus(3).name().substring(0, 3);
        HttpResponse<String> timetable = post(admin, "/api/v1/cameras/" + scheduled + "/recording-mode",
                "{\"mode\":\"SCHEDULED\",\"schedule\":\"" + otherDay + " 00:00-24:00\",\"timeZone\":\"UTC\"}");
        assertEquals(200, timetable.statusCode(), timetable.body());
        assertEquals(400, post(admin, "/api/v1/cameras/" + scheduled + "/recording-mode",
                "{\"mode\":\"SCHEDULED\",\"schedule\":\"weekdays 9-5\"}").statusCode(), "a bad timetable is refused");
        VigilDeployment.await("3 segments of the event camera", Duration.ofSeconds(60),
                () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", onEvent) >= 3);
        // An event in the newest segment, as analytics stores it: an event may arrive up to 10 s
        // after the end of the segments it claims (EVENT_WAIT), and the retention timer that runs
        // every minute deletes what was not claimed by then; an event stored later loses its video.
        // Its window starts 0.1 s into that segment, so the segments before it are outside it.
        List<Object[]> indexed = segmentRows(onEvent);
        Instant eventStart = ((Instant) indexed.get(indexed.size() - 1)[0]).plusMillis(2100);
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement("INSERT INTO analytics_event "
                + "(event_id, camera_id, type, zone, start_ts, end_ts, score, producer, received_ts) "
                + "VALUES (?, ?, 'MOTION', 'yard', ?, ?, 0.4, 'svc-analytics', now())")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setLong(2, onEvent);
            s.setTimestamp(3, Timestamp.from(eventStart));
            s.setTimestamp(4, Timestamp.from(eventStart.plusMillis(1000)));
            s.executeUpdate();
        }
        VigilDeployment.await("6 segments each", Duration.ofSeconds(60), () -> count("SELECT count(*) FROM segment WHERE camera_id = ?",
                onEvent) >= 6 && count("SELECT count(*) FROM segment WHERE camera_id = ?", scheduled) >= 6);
        Thread.sleep(13_000); // pre-buffer + the 10 s an event has to arrive, for the early segments
        Instant ranAt = Instant.now();
        assertEquals(200, post(admin, "/api/v1/storage/retention/run", "").statusCode());

        Instant keepFrom = eventStart.minusSeconds(2);
        Instant keepTo = eventStart.plusMillis(1000).plusSeconds(2);
        int kept = 0;
        int deleted = 0;
        for (Object[] seg : segmentRows(onEvent)) {
            Instant start = (Instant) seg[0];
            Instant end = (Instant) seg[1];
            boolean retired = (Boolean) seg[2];
            boolean inWindow = start.isBefore(keepTo) && end.isAfter(keepFrom);
            if (inWindow) {
                assertTrue(!retired, "segment " + start + " .. " + end + " holds the event window: kept");
                kept++;
            } else if (end.isBefore(ranAt.minusSeconds(13))) {
                assertTrue(retired, "segment " + start + " .. " + end + " is outside every event window: deleted");
                deleted++;
            } else if (end.isAfter(ranAt)) {
                assertTrue(!retired, "a segment an event may still claim is kept");
            }
        }
        assertTrue(kept >= 1 && deleted >= 1, kept + " kept, " + deleted + " deleted");
        for (Object[] seg : segmentRows(scheduled)) {
            if (((Instant) seg[1]).isBefore(ranAt.minusSeconds(11))) {
                assertTrue((Boolean) seg[2], "outside the timetable: deleted " + seg[0]);
            }
        }
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'segment.deleted' AND detail LIKE '%recording mode EVENT%'") >= 1);
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'camera.recording.mode'") >= 2);
        HttpResponse<String> integrity = VigilDeployment.get(admin, "/api/v1/cameras/" + onEvent + "/integrity");
        assertTrue(integrity.body().contains("\"findings\":[]"), "the chain accounts for the deleted segments: " + integrity.body());
        post(admin, "/api/v1/cameras/" + onEvent + "/disable", "");
        post(admin, "/api/v1/cameras/" + scheduled + "/disable", "");
    }

    /** start, end, retired of each segment in order. */
    private static List<Object[]> segmentRows(long cameraId) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = VigilDeployment.database();
             PreparedStatement s = c.prepareStatement("SELECT start_ts, end_ts, retired_ts IS NOT NULL FROM segment WHERE camera_id = ? ORDER BY start_ts")) {
            s.setLong(1, cameraId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)});
                }
            }
        }
        return rows;
    }

    private static void assertNoSecretInDatabase(String secret) throws Exception {
        List<String> variants = List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes()),
                HexFormat.of().formatHex(secret.getBytes()));
        try (Connection c = VigilDeployment.database()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("camera"));
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        String row = rs.getString(1);
                        for (String v : variants) {
                            assertTrue(!row.contains(v), "camera password found in table " + table);
                        }
                    }
                }
            }
        }
    }

    private static long segments(long cameraId) throws Exception {
        return count("SELECT count(*) FROM segment WHERE camera_id = ?", cameraId);
    }

    private static long auditCount(String action, String target) throws Exception {
        return count("SELECT count(*) FROM audit_event WHERE action = ? AND target = ?", action, target);
    }

    /** The integrity check's findings as "seq:PROBLEM" in chain order. */
    private static String findings(HttpClient admin, long cameraId) throws Exception {
        return findings(admin, cameraId, "");
    }

    /** The same over the recording between two instants ({@code to} null: up to now). */
    private static String findings(HttpClient admin, long cameraId, Instant from, Instant to) throws Exception {
        return findings(admin, cameraId, "?from=" + from + (to == null ? "" : "&to=" + to));
    }

    private static String findings(HttpClient admin, long cameraId, String range) throws Exception {
        HttpResponse<String> response = admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE
                + "/api/v1/cameras/" + cameraId + "/integrity" + range)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject report = Json.createReader(new StringReader(response.body())).readObject();
        List<String> found = new ArrayList<>();
        for (JsonValue f : report.getJsonArray("findings")) {
            found.add(f.asJsonObject().getJsonNumber("chainSeq").longValue() + ":" + f.asJsonObject().getString("problem"));
        }
        return found.toString();
    }

    /** Adds a camera over the REST API; returns its id. */
    /** Decrypts the camera's segments in chain order, checks hashes and links, decodes every frame. */
    private static List<FrameStamp> decodeStoredVideo(long cameraId) throws Exception {
        return decodeStoredVideo(cameraId, new ArrayList<>());
    }

    /** One stored segment: its place in the index, its first picture's stamp, what it holds in sound. */
    private record StoredSegment(long seq, Instant start, Instant end, FrameStamp first, AudioProbe.Sound sound) {
    }

    /** As {@link #decodeStoredVideo(long)}, adding each segment to {@code segments}. */
    private static List<FrameStamp> decodeStoredVideo(long cameraId, List<StoredSegment> segments) throws Exception {
        Path home = VigilTestEnvironment.installation().home().root();
        List<FrameStamp> stamps = new ArrayList<>();
        try (Connection c = VigilDeployment.database()) {
            byte[] dataKey = dataKey(c, home, cameraId);
            try (PreparedStatement s = c.prepareStatement("SELECT chain_seq, start_ts, end_ts, sha256, chain_hash, path "
                    + "FROM segment WHERE camera_id = ? ORDER BY chain_seq")) {
                s.setLong(1, cameraId);
                try (ResultSet rs = s.executeQuery()) {
                    byte[] previous = null;
                    long expectedSeq = 1;
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        assertEquals(expectedSeq++, seq, "no hole in the chain");
                        byte[] clear = KeyVault.open(dataKey, Files.readAllBytes(home.resolve("storage").resolve(rs.getString(6))),
                                SegmentCrypto.segmentAad(cameraId, seq));
                        assertArrayEquals(rs.getBytes(4), SegmentCrypto.sha256(clear), "segment hash");
                        Instant start = rs.getTimestamp(2).toInstant();
                        Instant end = rs.getTimestamp(3).toInstant();
                        byte[] link = SegmentCrypto.chainHash(previous, cameraId, seq, start, end, rs.getBytes(4));
                        assertArrayEquals(rs.getBytes(5), link, "chain link " + seq);
                        previous = link;
                        Path mp4 = Files.createTempFile("segment-" + cameraId + "-" + seq, ".mp4");
                        Files.write(mp4, clear);
                        int before = stamps.size();
                        DecodingClient.decode(mp4.toString(), Duration.ofSeconds(30), picture -> {
                            FrameStamp stamp = picture.stamp();
                            assertNotNull(stamp, "every stored picture carries its stamp");
                            stamps.add(stamp);
                        });
                        segments.add(new StoredSegment(seq, start, end, stamps.size() > before ? stamps.get(before) : null,
                                AudioProbe.probe(mp4.toString(), Duration.ofSeconds(30))));
                        Files.delete(mp4);
                    }
                    assertTrue(expectedSeq > 7, "camera " + cameraId + " recorded " + (expectedSeq - 1) + " segments");
                }
            }
        }
        return stamps;
    }

    private static boolean statusHistoryContains(long cameraId, String status) throws Exception {
        return count("SELECT count(*) FROM audit_event WHERE action = 'camera.status' AND target = ? AND detail LIKE ?",
                "camera:" + cameraId, status + "%") > 0;
    }
}
