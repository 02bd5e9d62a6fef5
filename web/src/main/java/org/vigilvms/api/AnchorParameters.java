package org.vigilvms.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import org.vigilvms.platform.AnchoredHead;

/**
 * The query parameters that hand an integrity check the head a SIEM kept: {@code anchorSeq},
 * {@code anchorHash} (hex), {@code anchorSignedAt} (ISO-8601) and {@code anchorSignature}
 * (Base64), as the SIEM received them in a {@code chain.head} message; all or none.
 */
final class AnchorParameters {

    private AnchorParameters() {
    }

    /** The anchor, or null when none of the parameters is given; {@link IllegalArgumentException} with the reason otherwise. */
    static AnchoredHead parse(Long seq, String hash, String signedAt, String signature) {
        if (seq == null && hash == null && signedAt == null && signature == null) {
            return null;
        }
        try {
            return new AnchoredHead(seq, HexFormat.of().parseHex(hash), Instant.parse(signedAt), Base64.getDecoder().decode(signature));
        } catch (NullPointerException | IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("an anchored head needs anchorSeq, anchorHash (hex), anchorSignedAt (ISO-8601) and "
                    + "anchorSignature (Base64), as the SIEM received them");
        }
    }
}
