package org.vigilvms.jms;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;

/** Turns message records into the JSON bytes an envelope carries, and back. */
public final class MessageCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private MessageCodec() {
    }

    public static byte[] encode(Record message) {
        return JSONB.toJson(message).getBytes(StandardCharsets.UTF_8);
    }

    public static <T extends Record> T decode(byte[] payload, Class<T> type) {
        return JSONB.fromJson(new String(payload, StandardCharsets.UTF_8), type);
    }
}
