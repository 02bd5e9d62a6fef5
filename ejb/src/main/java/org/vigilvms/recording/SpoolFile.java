package org.vigilvms.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and states of segment files in the recorder spool. A segment is written as
 * {@code <camera>-<startMs>-e<epoch>-<random>.part} and renamed to {@code .mp4} once closed, so after a
 * crash the name alone says which camera and wall time a file holds, under which ownership epoch
 * it was recorded, and whether it was finished. Names without the epoch (written before camera
 * ownership existed) are read with epoch 0.
 */
final class SpoolFile {

    /** Longest fragment the muxer buffers before writing it out, µs. */
    static final long FRAGMENT_US = 500_000;

    static final String PART = ".part";
    static final String COMPLETE = ".mp4";
    private static final Pattern NAME = Pattern.compile("(\\d+)-(\\d+)-(?:e(\\d+)-)?[0-9a-f-]{36}\\.(part|mp4)");

    /** What a spool file name says. */
    record Name(long cameraId, long startMs, long epoch, boolean complete) {
    }

    private SpoolFile() {
    }

    static Path inProgress(Path spool, long cameraId, long epoch, long startMs) {
        return spool.resolve(cameraId + "-" + startMs + "-e" + epoch + "-" + UUID.randomUUID() + PART);
    }

    static Optional<Name> parse(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Name(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4).equals("mp4")));
    }

    /** Renames a finished segment to its complete name. */
    static Path complete(Path part) {
        String name = part.getFileName().toString();
        Path target = part.resolveSibling(name.substring(0, name.length() - PART.length()) + COMPLETE);
        try {
            return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete spooled segment " + part, e);
        }
    }

    static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spooled segment " + file, e);
        }
    }

    /**
     * Cuts an unfinished fragmented MP4 after its last complete fragment (a whole {@code moof}
     * followed by a whole {@code mdat}). Returns the number of fragments kept; 0 when not even the
     * first one was complete (the file then holds no playable video).
     */
    static int truncateToCompleteFragments(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long position = 0;
            long keep = 0;
            int fragments = 0;
            boolean headerSeen = false;
            boolean moofOpen = false;
            ByteBuffer header = ByteBuffer.allocate(16);
            while (position + 8 <= size) {
                header.clear().limit(8);
                channel.read(header, position);
                long boxSize = Integer.toUnsignedLong(header.getInt(0));
                String type = new String(header.array(), 4, 4, StandardCharsets.US_ASCII);
                int headerLength = 8;
                if (boxSize == 1) { // 64-bit size follows
                    if (position + 16 > size) {
                        break;
                    }
                    header.clear().limit(16);
                    channel.read(header, position);
                    boxSize = header.getLong(8);
                    headerLength = 16;
                }
                if (boxSize < headerLength || position + boxSize > size) {
                    break; // size 0 ("to the end"), garbage or cut short: nothing from here is whole
                }
                position += boxSize;
                switch (type) {
                    case "moov" -> {
                        headerSeen = true;
                        keep = position;
                    }
                    case "moof" -> moofOpen = headerSeen;
                    case "mdat" -> {
                        if (moofOpen) {
                            fragments++;
                            keep = position;
                        }
                        moofOpen = false;
                    }
                    default -> {
                        if (!headerSeen) {
                            keep = position; // ftyp and friends before the movie header
                        }
                    }
                }
            }
            channel.truncate(fragments == 0 ? 0 : keep);
            return fragments;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair spooled segment " + file, e);
        }
    }
}
