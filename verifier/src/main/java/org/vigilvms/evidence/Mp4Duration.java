package org.vigilvms.evidence;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The presentation duration an MP4 declares in its {@code moov/mvhd} box (ISO/IEC 14496-12),
 * read without a decoder so the verifier can say how much of a camera's video is gone.
 */
final class Mp4Duration {

    private static final int LONGEST_MOOV = 64 << 20;

    private Mp4Duration() {
    }

    /** Milliseconds, or empty when the stream holds no readable moov/mvhd before its end. Consumes the stream. */
    static OptionalLong read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        while (true) {
            long size;
            String type;
            try {
                size = in.readInt() & 0xffffffffL;
                type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
            } catch (EOFException e) {
                return OptionalLong.empty();
            }
            long header = 8;
            if (size == 1) {
                size = in.readLong();
                header = 16;
            }
            if (size != 0 && size < header) {
                return OptionalLong.empty();
            }
            if (type.equals("moov")) {
                long body = size - header;
                if (size == 0 || body > LONGEST_MOOV) {
                    return OptionalLong.empty();
                }
                return mvhd(in.readNBytes((int) body));
            }
            if (size == 0) {
                return OptionalLong.empty();
            }
            in.skipNBytes(size - header);
        }
    }

    private static OptionalLong mvhd(byte[] moov) {
        ByteBuffer box = ByteBuffer.wrap(moov);
        while (box.remaining() >= 8) {
            int start = box.position();
            long size = box.getInt() & 0xffffffffL;
            byte[] type = new byte[4];
            box.get(type);
            if (size < 8 || start + size > moov.length) {
                return OptionalLong.empty();
            }
            if (new String(type, StandardCharsets.ISO_8859_1).equals("mvhd")) {
                int version = box.get() & 0xff;
                box.position(box.position() + 3); // flags
                long timescale;
                long duration;
                if (version == 1) {
                    box.position(box.position() + 16); // creation, modification
                    timescale = box.getInt() & 0xffffffffL;
                    duration = box.getLong();
                } else {
                    box.position(box.position() + 8);
                    timescale = box.getInt() & 0xffffffffL;
                    duration = box.getInt() & 0xffffffffL;
                }
                return timescale == 0 ? OptionalLong.empty() : OptionalLong.of(duration * 1000 / timescale);
            }
            box.position((int) (start + size));
        }
        return OptionalLong.empty();
    }
}
