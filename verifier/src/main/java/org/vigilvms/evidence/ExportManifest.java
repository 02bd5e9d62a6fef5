package org.vigilvms.evidence;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an export holds and where it comes from; signed as the exact bytes of {@code manifest.json}.
 * Times are ISO-8601 instants, hashes lower-case hex SHA-256.
 *
 * @param exporter    the user who asked for the export
 * @param approver    the second person who approved it, or null when no approval was required
 * @param from        start of the requested time range
 * @param to          end of the requested time range
 */
public record ExportManifest(String format, String exportId, Instant createdAt, String software, String exporter,
                             String approver, String reason, String caseNumber, Instant from, Instant to,
                             List<CameraExport> cameras) {

    public static final String FORMAT = "vigil-evidence-export/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";

    /**
     * One camera: a playable MP4 remuxed (not re-encoded) from the original segments, which are
     * included unchanged. {@code gaps} are parts of the requested range with no recording.
     */
    public record CameraExport(long cameraId, String name, String file, String sha256, long bytes, long durationMs,
                               List<SegmentEntry> segments, List<Gap> gaps) {
    }

    /**
     * An original stored segment: its file in the export, its hash and its place in the camera's
     * hash chain ({@code chainHash} = link over {@code previousChainHash} and this segment);
     * {@code offsetMs} is where it starts in the camera's MP4. {@code soundRemovedSha256} is null
     * when the file is the stored segment itself; otherwise the file is that segment with its sound
     * taken out by the server (the exporter could not listen), and this is the file's hash: its
     * pictures are the original packets, its place in the chain is vouched for by the signed
     * manifest, not recomputed from the file. {@code maskedSha256} is likewise the hash of a file
     * the server made from the stored segment with the camera's privacy masks burned into its
     * pictures (re-encoded; the exporter could not see through the masks), with or without sound.
     */
    public record SegmentEntry(long chainSeq, Instant start, Instant end, int frames, String file, String sha256,
                               String previousChainHash, String chainHash, long offsetMs, String soundRemovedSha256,
                               String maskedSha256) {

        /** The hash the file in the export must have. */
        public String fileSha256() {
            return maskedSha256 != null ? maskedSha256 : soundRemovedSha256 != null ? soundRemovedSha256 : sha256;
        }
    }

    public record Gap(Instant from, Instant to) {
    }

    /** Where an original segment goes inside the export. */
    public static String originalFile(long cameraId, long chainSeq) {
        return "originals/camera-" + cameraId + "/" + chainSeq + ".mp4";
    }

    public static String cameraFile(long cameraId) {
        return "cameras/camera-" + cameraId + ".mp4";
    }

    public byte[] toJson() {
        JsonArrayBuilder cams = Json.createArrayBuilder();
        for (CameraExport c : cameras) {
            JsonArrayBuilder segs = Json.createArrayBuilder();
            for (SegmentEntry s : c.segments()) {
                JsonObjectBuilder segment = Json.createObjectBuilder().add("chainSeq", s.chainSeq()).add("start", s.start().toString())
                        .add("end", s.end().toString()).add("frames", s.frames()).add("file", s.file())
                        .add("sha256", s.sha256()).add("previousChainHash", s.previousChainHash())
                        .add("chainHash", s.chainHash()).add("offsetMs", s.offsetMs());
                if (s.soundRemovedSha256() != null) {
                    segment.add("soundRemovedSha256", s.soundRemovedSha256());
                }
                if (s.maskedSha256() != null) {
                    segment.add("maskedSha256", s.maskedSha256());
                }
                segs.add(segment);
            }
            JsonArrayBuilder gaps = Json.createArrayBuilder();
            c.gaps().forEach(g -> gaps.add(Json.createObjectBuilder().add("from", g.from().toString()).add("to", g.to().toString())));
            cams.add(Json.createObjectBuilder().add("cameraId", c.cameraId()).add("name", c.name()).add("file", c.file())
                    .add("sha256", c.sha256()).add("bytes", c.bytes()).add("durationMs", c.durationMs())
                    .add("segments", segs).add("gaps", gaps));
        }
        JsonObjectBuilder root = Json.createObjectBuilder().add("format", format).add("exportId", exportId)
                .add("createdAt", createdAt.toString()).add("software", software).add("exporter", exporter);
        nullable(root, "approver", approver);
        nullable(root, "reason", reason);
        nullable(root, "caseNumber", caseNumber);
        root.add("from", from.toString()).add("to", to.toString()).add("cameras", cams);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(root.build());
        }
        return out.toByteArray();
    }

    /** Reads a manifest; {@link IllegalArgumentException} naming what is wrong when it is not one. */
    public static ExportManifest parse(byte[] json) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            JsonObject root = reader.readObject();
            if (!FORMAT.equals(root.getString("format", null))) {
                throw new IllegalArgumentException("not a " + FORMAT + " manifest");
            }
            List<CameraExport> cameras = root.getJsonArray("cameras").getValuesAs(JsonObject.class).stream().map(c ->
                    new CameraExport(c.getJsonNumber("cameraId").longValue(), c.getString("name"), c.getString("file"),
                            c.getString("sha256"), c.getJsonNumber("bytes").longValue(), c.getJsonNumber("durationMs").longValue(),
                            segments(c.getJsonArray("segments")), gaps(c.getJsonArray("gaps")))).toList();
            return new ExportManifest(root.getString("format"), root.getString("exportId"), Instant.parse(root.getString("createdAt")),
                    root.getString("software"), root.getString("exporter"), string(root, "approver"), string(root, "reason"),
                    string(root, "caseNumber"), Instant.parse(root.getString("from")), Instant.parse(root.getString("to")), cameras);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("manifest.json is not a readable manifest: " + e.getMessage(), e);
        }
    }

    private static List<SegmentEntry> segments(JsonArray array) {
        return array.getValuesAs(JsonObject.class).stream().map(s -> new SegmentEntry(s.getJsonNumber("chainSeq").longValue(),
                Instant.parse(s.getString("start")), Instant.parse(s.getString("end")), s.getInt("frames"), s.getString("file"),
                s.getString("sha256"), s.getString("previousChainHash"), s.getString("chainHash"),
                s.getJsonNumber("offsetMs").longValue(), string(s, "soundRemovedSha256"), string(s, "maskedSha256"))).toList();
    }

    private static List<Gap> gaps(JsonArray array) {
        return array.getValuesAs(JsonObject.class).stream()
                .map(g -> new Gap(Instant.parse(g.getString("from")), Instant.parse(g.getString("to")))).toList();
    }

    private static void nullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : object.getString(name);
    }
}
