package org.vigilvms.backup.archive;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What a backup holds; signed as the exact bytes of {@code manifest.json}.
 *
 * @param installationCa SHA-256 of the DER of the installation's CA certificate (hex)
 * @param schemaVersion  the database migration the dump was taken at
 * @param home           the installation folder it was taken from (restores move paths under it)
 * @param entries        every other entry of the archive, in the order written
 * @param tables         the dumped tables, in an order that loads without breaking a reference
 * @param volumes        paths of the storage volumes whose files the customer backs up apart
 */
public record BackupManifest(String format, Instant createdAt, String createdBy, String installationCa,
                             String schemaVersion, String home, List<Entry> entries, List<Table> tables,
                             List<String> volumes) {

    public static final String FORMAT = "vigil-backup/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";

    /** An archive entry: its name, SHA-256 (hex) and length. */
    public record Entry(String name, String sha256, long bytes) {
    }

    /** A table: its name, the entry with its rows (one JSON object per line) and how many. */
    public record Table(String name, String entry, long rows) {
    }

    public BackupManifest {
        entries = List.copyOf(entries);
        tables = List.copyOf(tables);
        volumes = List.copyOf(volumes);
    }

    public byte[] toJson() {
        JsonArrayBuilder entryArray = Json.createArrayBuilder();
        entries.forEach(e -> entryArray.add(Json.createObjectBuilder().add("name", e.name()).add("sha256", e.sha256())
                .add("bytes", e.bytes())));
        JsonArrayBuilder tableArray = Json.createArrayBuilder();
        tables.forEach(t -> tableArray.add(Json.createObjectBuilder().add("name", t.name()).add("entry", t.entry())
                .add("rows", t.rows())));
        JsonArrayBuilder volumeArray = Json.createArrayBuilder();
        volumes.forEach(volumeArray::add);
        JsonObject json = Json.createObjectBuilder().add("format", format).add("createdAt", createdAt.toString())
                .add("createdBy", createdBy).add("installationCa", installationCa).add("schemaVersion", schemaVersion)
                .add("home", home).add("entries", entryArray).add("tables", tableArray).add("volumes", volumeArray).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.createWriter(out).write(json);
        return out.toByteArray();
    }

    /** Reads the manifest; {@link IllegalArgumentException} when it is not one of this format. */
    public static BackupManifest fromJson(byte[] bytes) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            JsonObject json = reader.readObject();
            if (!FORMAT.equals(json.getString("format", ""))) {
                throw new IllegalArgumentException("not a Vigil backup of format " + FORMAT + ": "
                        + json.getString("format", "no format named"));
            }
            List<Entry> entries = json.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                    .map(o -> new Entry(o.getString("name"), o.getString("sha256"), o.getJsonNumber("bytes").longValue())).toList();
            List<Table> tables = json.getJsonArray("tables").getValuesAs(JsonObject.class).stream()
                    .map(o -> new Table(o.getString("name"), o.getString("entry"), o.getJsonNumber("rows").longValue())).toList();
            List<String> volumes = json.getJsonArray("volumes").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
            return new BackupManifest(json.getString("format"), Instant.parse(json.getString("createdAt")),
                    json.getString("createdBy"), json.getString("installationCa"), json.getString("schemaVersion"),
                    json.getString("home"), entries, tables, volumes);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("the manifest cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
