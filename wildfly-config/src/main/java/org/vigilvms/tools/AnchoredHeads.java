package org.vigilvms.tools;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain heads a SIEM received from Vigil ({@code chain.head} messages, one per line, as the
 * SIEM exports them), reduced to the newest head of each chain: what the integrity check compares
 * the server's chains with. Lines that are not chain heads are skipped; so is a head whose fields
 * do not parse (the server checks the signature of the one it is given, so a forged line gains
 * nothing).
 */
public final class AnchoredHeads {

    /** One head as received: chain ({@code camera:<id>} or {@code audit}), position, hash (hex), signing time, signature (Base64). */
    public record Head(String chain, long seq, String hash, String signedAt, String signature) {
    }

    private static final Pattern HEAD = Pattern.compile(" vigil - chain\\.head \\[vigil@32473 chain=\"([a-z]+(?::\\d+)?)\" "
            + "seq=\"(\\d{1,18})\" hash=\"([0-9a-f]{64})\" signedAt=\"([0-9T:.Z-]{20,30})\" signature=\"([A-Za-z0-9+/=]{1,200})\"");

    private final Map<String, Head> newest;

    private AnchoredHeads(Map<String, Head> newest) {
        this.newest = Map.copyOf(newest);
    }

    public static AnchoredHeads parse(List<String> lines) {
        Map<String, Head> newest = new HashMap<>();
        for (String line : lines) {
            Matcher m = HEAD.matcher(line);
            if (!m.find()) {
                continue;
            }
            Head head = new Head(m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4), m.group(5));
            newest.merge(head.chain(), head, (a, b) -> b.seq() > a.seq() ? b : a);
        }
        return new AnchoredHeads(newest);
    }

    /** The newest head the SIEM holds for camera {@code id}. */
    public Optional<Head> camera(long id) {
        return Optional.ofNullable(newest.get("camera:" + id));
    }

    /** The newest audit head the SIEM holds. */
    public Optional<Head> audit() {
        return Optional.ofNullable(newest.get("audit"));
    }

    /** How many chains the SIEM holds heads of. */
    public int chains() {
        return newest.size();
    }
}
