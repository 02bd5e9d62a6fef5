package org.vigilvms.jms.analytics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Management to analytics: what to look for on one camera. Each version is signed by the
 * management server's signing key ({@code signature}, ECDSA P-256 over {@link #signedBytes()});
 * the analytics service uses a configuration only when that signature verifies, so zones or masks
 * changed in the database or on the way are refused (X.1453 T-INJ).
 *
 * @param zones       where motion counts, each with a name events carry
 * @param masks       privacy masks: never analysed, even inside a zone
 * @param sensitivity 1 (only large, clear motion) .. 100 (the slightest change)
 * @param tamper      whether covered, blinded, defocused and moved cameras are reported
 */
public record AnalyticsConfiguration(long cameraId, int version, boolean enabled, int sensitivity, boolean tamper,
                                     List<Region> zones, List<Region> masks, long issuedAtMs, String signature) {

    public static final String TYPE = "vigil.AnalyticsConfiguration/1";

    /** What the signature covers: every field but the signature, in a fixed text form. */
    public byte[] signedBytes() {
        return ("vigil-analytics-config-v1|" + cameraId + "|" + version + "|" + enabled + "|" + sensitivity + "|" + tamper
                + "|zones:" + zones.stream().map(Region::canonical).collect(Collectors.joining(";"))
                + "|masks:" + masks.stream().map(Region::canonical).collect(Collectors.joining(";"))
                + "|" + issuedAtMs).getBytes(StandardCharsets.UTF_8);
    }

    public AnalyticsConfiguration signed(String signatureBase64) {
        return new AnalyticsConfiguration(cameraId, version, enabled, sensitivity, tamper, zones, masks, issuedAtMs, signatureBase64);
    }
}
