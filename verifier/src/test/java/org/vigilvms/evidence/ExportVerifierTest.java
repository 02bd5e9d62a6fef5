package org.vigilvms.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export made with the format's own writer, signed and time-stamped by a test PKI shaped like
 * an installation's (CA, signing key, TSA key), then verified intact and after each kind of
 * tampering: every finding names the file, camera and time range.
 */
class ExportVerifierTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static KeyPair signerKeys;
    private static X509Certificate signer;
    private static KeyPair tsaKeys;
    private static X509Certificate tsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        caKeys = TestPki.keys();
        ca = TestPki.certificate("CN=test CA", caKeys, "CN=test CA", caKeys, true, null);
        signerKeys = TestPki.keys();
        signer = TestPki.certificate("CN=test signing", signerKeys, "CN=test CA", caKeys, false, null);
        tsaKeys = TestPki.keys();
        tsa = TestPki.certificate("CN=test TSA", tsaKeys, "CN=test CA", caKeys, false, KeyPurposeId.id_kp_timeStamping);
    }

    @Test
    void anIntactExportIsValidAndTimeStamped() throws Exception {
        Path export = export(null);
        ExportVerifier.Report report = ExportVerifier.verify(export, ca, null);
        assertEquals(List.of(), report.findings());
        assertTrue(report.stampedAt() != null && report.stampedAt().isAfter(Instant.now().minusSeconds(60)),
                String.valueOf(report.stampedAt()));
        assertEquals("CN=test signing", report.signer().getSubjectX500Principal().getName());
        // the signing certificate itself is an acceptable anchor too
        assertTrue(ExportVerifier.verify(export, signer, null).valid());
    }

    @Test
    void aFlippedByteInTheCameraVideoIsNamed() throws Exception {
        Path export = rewrite(export(null), Map.of(ExportManifest.cameraFile(7), flipAt(-10)));
        assertEquals(List.of("FILE_ALTERED cameras/camera-7.mp4"), where(export));
        assertTrue(only(export).detail().contains("camera 7 'gate'"), only(export).detail());
    }

    @Test
    void aShortenedCameraVideoSaysHowMuchIsMissing() throws Exception {
        Path export = rewrite(export(null), Map.of(ExportManifest.cameraFile(7), bytes -> fakeMp4(20_000, 64)));
        assertTrue(only(export).detail().contains("lasts 20.0 s where the manifest says 30.0 s (10.0 s missing)"),
                only(export).detail());
    }

    @Test
    void aFlippedByteInAnOriginalSegmentNamesItsTimeRange() throws Exception {
        Path export = rewrite(export(null), Map.of(ExportManifest.originalFile(7, 42), flipAt(100)));
        assertEquals(List.of("SEGMENT_ALTERED originals/camera-7/42.mp4"), where(export));
        assertTrue(only(export).detail().contains("from 2026-11-26T10:00:10Z to 2026-11-26T10:00:20Z (segment 42)"),
                only(export).detail());
    }

    @Test
    void aSegmentServedWithoutSoundIsCheckedAgainstItsOwnSignedHashAndKeepsItsPlaceInTheChain() throws Exception {
        Path export = export(null, Served.WITHOUT_SOUND);
        assertEquals(List.of(), ExportVerifier.verify(export, ca, null).findings());
        String manifest = new String(ExportTampering.read(export, ExportManifest.MANIFEST), StandardCharsets.UTF_8);
        assertEquals(1, manifest.split("soundRemovedSha256", -1).length - 1, "only the segment served without sound says so");
        Path altered = rewrite(export, Map.of(ExportManifest.originalFile(7, 42), flipAt(100)));
        assertEquals(List.of("SEGMENT_ALTERED originals/camera-7/42.mp4"), where(altered));
        assertTrue(only(altered).detail().endsWith("differs from its hash in the manifest (served without sound)"),
                only(altered).detail());
    }

    @Test
    void aSegmentServedWithPrivacyMasksIsCheckedAgainstItsOwnSignedHashAndKeepsItsPlaceInTheChain() throws Exception {
        Path export = export(null, Served.MASKED);
        assertEquals(List.of(), ExportVerifier.verify(export, ca, null).findings());
        String manifest = new String(ExportTampering.read(export, ExportManifest.MANIFEST), StandardCharsets.UTF_8);
        assertEquals(1, manifest.split("maskedSha256", -1).length - 1, "only the masked segment says so");
        Path altered = rewrite(export, Map.of(ExportManifest.originalFile(7, 42), flipAt(100)));
        assertEquals(List.of("SEGMENT_ALTERED originals/camera-7/42.mp4"), where(altered));
        assertTrue(only(altered).detail().endsWith("differs from its hash in the manifest (served with privacy masks burned in)"),
                only(altered).detail());
        // a masked file that claims to be the stored segment fails against the chain's hash
        Path unmasked = rewrite(export(null, Served.MASKED), Map.of(ExportManifest.MANIFEST,
                bytes -> new String(bytes, StandardCharsets.UTF_8).replaceAll(",\\s*\"maskedSha256\"\\s*:\\s*\"[0-9a-f]+\"", "")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(where(unmasked).contains("SEGMENT_ALTERED originals/camera-7/42.mp4"), where(unmasked).toString());
    }

    @Test
    void aRemovedSegmentIsNamedWithItsTimeRange() throws Exception {
        Path export = rewrite(export(null), Map.of(ExportManifest.originalFile(7, 43), bytes -> null));
        assertEquals(List.of("SEGMENT_MISSING originals/camera-7/43.mp4"), where(export));
        assertTrue(only(export).detail().contains("from 2026-11-26T10:00:20Z to 2026-11-26T10:00:30Z"), only(export).detail());
    }

    @Test
    void aFlippedByteInTheManifestIsNamed() throws Exception {
        Path export = rewrite(export(null), Map.of(ExportManifest.MANIFEST, bytes -> new String(bytes, StandardCharsets.UTF_8)
                .replace("\"exporter\": \"alice\"", "\"exporter\": \"alicf\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("MANIFEST_ALTERED manifest.json"), where(export));
    }

    @Test
    void aFlippedByteInTheSignatureValueIsNamed() throws Exception {
        Path export = rewrite(export(null), Map.of(ExportManifest.SIGNATURE, ExportTampering::flipSignatureValue));
        assertEquals(List.of("SIGNATURE_INVALID manifest.json.p7s"), where(export));
    }

    @Test
    void aForeignIssuerIsNotTrusted() throws Exception {
        KeyPair other = TestPki.keys();
        X509Certificate otherCa = TestPki.certificate("CN=test CA", other, "CN=test CA", other, true, null);
        List<ExportVerifier.Finding> findings = ExportVerifier.verify(export(null), otherCa, null).findings();
        assertEquals(List.of(ExportVerifier.Problem.SIGNER_UNTRUSTED, ExportVerifier.Problem.TIMESTAMP_INVALID),
                findings.stream().map(ExportVerifier.Finding::problem).toList());
    }

    @Test
    void anAddedFileIsNamed() throws Exception {
        Path export = rewrite(export(null), Map.of("cameras/extra.mp4", bytes -> new byte[] {1, 2, 3}));
        assertEquals(List.of("UNLISTED_FILE cameras/extra.mp4"), where(export));
    }

    @Test
    void anEncryptedExportOpensOnlyWithItsPassword() throws Exception {
        Path export = export("correct horse battery".toCharArray());
        assertTrue(ExportEnvelope.looksEncrypted(Files.readAllBytes(export)));
        assertTrue(ExportVerifier.verify(export, ca, "correct horse battery".toCharArray()).valid());
        assertEquals(ExportVerifier.Problem.WRONG_PASSWORD,
                ExportVerifier.verify(export, ca, "wrong".toCharArray()).findings().get(0).problem());
        assertEquals(ExportVerifier.Problem.WRONG_PASSWORD, ExportVerifier.verify(export, ca, null).findings().get(0).problem());
    }

    @Test
    void theCommandLineSaysValidOrInvalidWithItsExitStatus() throws Exception {
        Path export = export(null);
        Path caFile = dir.resolve("ca.der");
        Files.write(caFile, ca.getEncoded());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyExport.run(new String[] {export.toString(), "--issuer", caFile.toString()},
                new PrintStream(out, true), System.err);
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("Result:       VALID"), out.toString());
        Path altered = rewrite(export, Map.of(ExportManifest.originalFile(7, 41), flipAt(5)));
        out.reset();
        assertEquals(1, VerifyExport.run(new String[] {altered.toString(), "--issuer", caFile.toString()},
                new PrintStream(out, true), System.err));
        assertTrue(out.toString().contains("SEGMENT_ALTERED originals/camera-7/41.mp4"), out.toString());
        assertEquals(2, VerifyExport.run(new String[] {export.toString()}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream())));
    }

    // --- an export as the server writes it ---

    private Path export(char[] password) throws Exception {
        return export(password, Served.AS_STORED);
    }

    /** How the server wrote segment 42's file: the stored one, or one made from it. */
    private enum Served { AS_STORED, WITHOUT_SOUND, MASKED }

    private Path export(char[] password, Served served42) throws Exception {
        Random random = new Random(7);
        Map<String, Path> files = new LinkedHashMap<>();
        List<ExportManifest.SegmentEntry> segments = new ArrayList<>();
        byte[] previous = new byte[32];
        random.nextBytes(previous);
        for (int i = 0; i < 3; i++) {
            long seq = 41 + i;
            byte[] content = new byte[2000 + i];
            random.nextBytes(content);
            Path file = dir.resolve("seg-" + seq);
            Files.write(file, content);
            Instant start = T0.plusSeconds(10L * i);
            byte[] sha = ChainLink.sha256(content);
            byte[] link = ChainLink.hash(previous, 7, seq, start, start.plusSeconds(10), sha);
            String made = null;
            if (served42 != Served.AS_STORED && seq == 42) {
                byte[] derived = Arrays.copyOf(content, 1500);
                Files.write(file, derived);
                made = ChainLink.hex(ChainLink.sha256(derived));
            }
            segments.add(new ExportManifest.SegmentEntry(seq, start, start.plusSeconds(10), 250, ExportManifest.originalFile(7, seq),
                    ChainLink.hex(sha), ChainLink.hex(previous), ChainLink.hex(link), 10_000L * i,
                    served42 == Served.WITHOUT_SOUND ? made : null, served42 == Served.MASKED ? made : null));
            files.put(ExportManifest.originalFile(7, seq), file);
            previous = link;
        }
        Path video = dir.resolve("camera-7.mp4");
        Files.write(video, fakeMp4(30_000, 4096));
        files.put(ExportManifest.cameraFile(7), video);
        ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, "e-1", Instant.now(), "Vigil VMS test", "alice",
                null, "burglary at the gate", "C-2026-17", T0.minusSeconds(5), T0.plusSeconds(30),
                List.of(new ExportManifest.CameraExport(7, "gate", ExportManifest.cameraFile(7), ExportPackage.sha256(video),
                        Files.size(video), 30_000, segments, List.of(new ExportManifest.Gap(T0.minusSeconds(5), T0)))));
        byte[] json = manifest.toJson();
        byte[] signature = ExportSignature.sign(json, signerKeys.getPrivate(), List.of(signer, ca),
                imprint -> TimeStamps.issue(imprint, tsaKeys.getPrivate(), List.of(tsa, ca), BigInteger.valueOf(99), new Date()));
        Path target = dir.resolve(password == null ? "export.zip" : "export.p7m");
        ExportPackage.write(target, json, signature, files, password);
        assertEquals(manifest, ExportManifest.parse(json));
        return target;
    }

    /** ftyp, moov with an mvhd of the given duration (timescale 1000), mdat of filler. */
    private static byte[] fakeMp4(long durationMs, int mdatBytes) {
        ByteBuffer mvhd = ByteBuffer.allocate(8 + 100);
        mvhd.putInt(108).put("mvhd".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putInt(0).putInt(0).putInt(1000)
                .putInt((int) durationMs);
        ByteBuffer out = ByteBuffer.allocate(20 + 8 + 108 + 8 + mdatBytes);
        out.putInt(20).put("ftypisom".getBytes(StandardCharsets.ISO_8859_1)).putInt(512).put("isom".getBytes(StandardCharsets.ISO_8859_1));
        out.putInt(8 + 108).put("moov".getBytes(StandardCharsets.ISO_8859_1)).put(mvhd.array());
        out.putInt(8 + mdatBytes).put("mdat".getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }

    private Path rewrite(Path zip, Map<String, UnaryOperator<byte[]>> changes) throws IOException {
        return ExportTampering.rewrite(zip, dir.resolve("changed-" + System.nanoTime() + ".zip"), changes);
    }

    private static UnaryOperator<byte[]> flipAt(int index) {
        return ExportTampering.flipAt(index);
    }

    private List<String> where(Path export) throws IOException {
        return ExportVerifier.verify(export, ca, null).findings().stream().map(f -> f.problem() + " " + f.where()).toList();
    }

    private ExportVerifier.Finding only(Path export) throws IOException {
        List<ExportVerifier.Finding> findings = ExportVerifier.verify(export, ca, null).findings();
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }
}
