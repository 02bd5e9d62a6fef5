package org.vigilvms.video;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recorded segment (fragmented MP4 as the recorder writes it) with its sound taken out: the
 * sound tracks leave the movie header, their runs leave every fragment and their bytes leave the
 * media data, so not one sound sample reaches whoever is served the result. The pictures are the
 * same bytes in the same fragments, only moved (their data offsets rewritten); nothing is decoded.
 * The fragment index at the end ({@code mfra}), which points into the old layout, is left out too;
 * players do not need it. A segment without sound is returned as it is.
 */
public final class SoundlessSegment {

    private static final int TFHD_BASE_DATA_OFFSET = 0x1;
    private static final int TFHD_SAMPLE_DESCRIPTION = 0x2;
    private static final int TFHD_DEFAULT_DURATION = 0x8;
    private static final int TFHD_DEFAULT_SIZE = 0x10;
    private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x20000;
    private static final int TRUN_DATA_OFFSET = 0x1;
    private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x4;
    private static final int TRUN_DURATION = 0x100;
    private static final int TRUN_SIZE = 0x200;
    private static final int TRUN_FLAGS = 0x400;
    private static final int TRUN_COMPOSITION_OFFSET = 0x800;

    private SoundlessSegment() {
    }

    /** One box: where it starts in the file, its header's length and its whole length. */
    private record Box(String type, int start, int header, int size) {
        int body() {
            return start + header;
        }

        int end() {
            return start + size;
        }
    }

    /**
     * The segment without its sound tracks.
     *
     * @throws IllegalArgumentException when the bytes are not a fragmented MP4 this class can
     *     rewrite (say which box); the caller must then not serve the original either
     */
    public static byte[] of(byte[] segment) {
        List<Box> top = boxes(segment, 0, segment.length);
        Box moov = top.stream().filter(b -> b.type().equals("moov")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no movie header (moov)"));
        Set<Integer> sound = soundTracks(segment, moov);
        if (sound.isEmpty()) {
            return segment;
        }
        int[] defaultSizes = defaultSampleSizes(segment, moov);
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length);
        for (int i = 0; i < top.size(); i++) {
            Box box = top.get(i);
            switch (box.type()) {
                case "moov" -> out.writeBytes(withoutTracks(segment, box, sound));
                case "moof" -> {
                    Box mdat = i + 1 < top.size() && top.get(i + 1).type().equals("mdat") ? top.get(i + 1) : null;
                    if (mdat == null) {
                        throw new IllegalArgumentException("a fragment (moof at " + box.start() + ") without its media data");
                    }
                    out.writeBytes(fragment(segment, box, mdat, sound, defaultSizes));
                    i++;
                }
                case "mfra", "sidx" -> {
                    // offsets into the old layout
                }
                default -> out.write(segment, box.start(), box.size());
            }
        }
        return out.toByteArray();
    }

    /** The ids of the tracks whose handler is sound ({@code soun}). */
    private static Set<Integer> soundTracks(byte[] file, Box moov) {
        Set<Integer> ids = new HashSet<>();
        for (Box trak : children(file, moov, "trak")) {
            Box mdia = only(file, trak, "mdia");
            Box hdlr = only(file, mdia, "hdlr");
            String handler = new String(file, hdlr.body() + 8, 4, StandardCharsets.US_ASCII);
            if (handler.equals("soun")) {
                ids.add(trackId(file, trak));
            }
        }
        return ids;
    }

    private static int trackId(byte[] file, Box trak) {
        Box tkhd = only(file, trak, "tkhd");
        int version = file[tkhd.body()] & 0xff;
        return integer(file, tkhd.body() + (version == 1 ? 20 : 12));
    }

    /** Per track id (index), the default sample size its {@code trex} gives (0: none). */
    private static int[] defaultSampleSizes(byte[] file, Box moov) {
        int[] sizes = new int[0];
        for (Box mvex : children(file, moov, "mvex")) {
            for (Box trex : children(file, mvex, "trex")) {
                int track = integer(file, trex.body() + 4);
                if (track < 0 || track > 64) {
                    throw new IllegalArgumentException("track id " + track + " in trex");
                }
                if (sizes.length <= track) {
                    sizes = Arrays.copyOf(sizes, track + 1);
                }
                sizes[track] = integer(file, trex.body() + 16);
            }
        }
        return sizes;
    }

    /** The movie header without the sound tracks and their fragment defaults. */
    private static byte[] withoutTracks(byte[] file, Box moov, Set<Integer> sound) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Box child : boxes(file, moov.body(), moov.end())) {
            if (child.type().equals("trak") && sound.contains(trackId(file, child))) {
                continue;
            }
            if (child.type().equals("mvex")) {
                ByteArrayOutputStream mvex = new ByteArrayOutputStream();
                for (Box inner : boxes(file, child.body(), child.end())) {
                    if (!(inner.type().equals("trex") && sound.contains(integer(file, inner.body() + 4)))) {
                        mvex.write(file, inner.start(), inner.size());
                    }
                }
                body.writeBytes(box("mvex", mvex.toByteArray()));
                continue;
            }
            body.write(file, child.start(), child.size());
        }
        return box("moov", body.toByteArray());
    }

    /** One run of samples kept: where its data offset field is in the new fragment, and its bytes in the old file. */
    private record Run(int offsetField, int dataStart, int dataLength) {
    }

    /**
     * A fragment without the sound tracks' runs: the kept track fragments with their runs' data
     * offsets pointing into a new media data box that holds only their bytes. A fragment of sound
     * only disappears.
     */
    private static byte[] fragment(byte[] file, Box moof, Box mdat, Set<Integer> sound, int[] defaultSizes) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        List<Run> runs = new ArrayList<>();
        boolean firstTraf = true;
        for (Box child : boxes(file, moof.body(), moof.end())) {
            if (!child.type().equals("traf")) {
                header.write(file, child.start(), child.size());
                continue;
            }
            Box tfhd = only(file, child, "tfhd");
            int flags = integer(file, tfhd.body()) & 0xffffff;
            int track = integer(file, tfhd.body() + 4);
            boolean first = firstTraf;
            firstTraf = false;
            if (sound.contains(track)) {
                continue;
            }
            if ((flags & TFHD_BASE_DATA_OFFSET) != 0 || ((flags & TFHD_DEFAULT_BASE_IS_MOOF) == 0 && !first)) {
                throw new IllegalArgumentException("track " + track + "'s data is not placed relative to its fragment");
            }
            int defaultSize = defaultSize(file, tfhd, flags, track, defaultSizes);
            int trafStart = 8 + header.size(); // 8: the new moof's own header
            header.write(file, child.start(), child.size());
            for (Box trun : children(file, child, "trun")) {
                runs.add(run(file, moof, mdat, trun, trafStart + (trun.start() - child.start()), defaultSize));
            }
        }
        if (runs.isEmpty()) {
            return new byte[0];
        }
        byte[] newMoof = box("moof", header.toByteArray());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer patch = ByteBuffer.wrap(newMoof);
        for (Run run : runs) {
            patch.putInt(run.offsetField(), newMoof.length + 8 + data.size()); // 8: the new mdat's header
            data.write(file, run.dataStart(), run.dataLength());
        }
        ByteArrayOutputStream fragment = new ByteArrayOutputStream(newMoof.length + 8 + data.size());
        fragment.writeBytes(newMoof);
        fragment.writeBytes(box("mdat", data.toByteArray()));
        return fragment.toByteArray();
    }

    private static int defaultSize(byte[] file, Box tfhd, int flags, int track, int[] defaultSizes) {
        int at = tfhd.body() + 8;
        at += (flags & TFHD_SAMPLE_DESCRIPTION) != 0 ? 4 : 0;
        at += (flags & TFHD_DEFAULT_DURATION) != 0 ? 4 : 0;
        if ((flags & TFHD_DEFAULT_SIZE) != 0) {
            return integer(file, at);
        }
        return track < defaultSizes.length ? defaultSizes[track] : 0;
    }

    /** A kept run: its data offset field's place in the new fragment and where its bytes lie in the old media data. */
    private static Run run(byte[] file, Box moof, Box mdat, Box trun, int newTrunStart, int defaultSize) {
        int flags = integer(file, trun.body()) & 0xffffff;
        if ((flags & TRUN_DATA_OFFSET) == 0) {
            throw new IllegalArgumentException("a run without a data offset (trun at " + trun.start() + ")");
        }
        int count = integer(file, trun.body() + 4);
        int dataOffset = integer(file, trun.body() + 8);
        int at = trun.body() + 12 + ((flags & TRUN_FIRST_SAMPLE_FLAGS) != 0 ? 4 : 0);
        int perSample = Integer.bitCount(flags & (TRUN_DURATION | TRUN_SIZE | TRUN_FLAGS | TRUN_COMPOSITION_OFFSET)) * 4;
        if (count < 0 || (long) count * perSample > trun.end() - at) {
            throw new IllegalArgumentException("a run of " + count + " samples does not fit its box (trun at " + trun.start() + ")");
        }
        long length = 0;
        for (int i = 0; i < count; i++) {
            int sample = at + i * perSample + ((flags & TRUN_DURATION) != 0 ? 4 : 0);
            length += (flags & TRUN_SIZE) != 0 ? Integer.toUnsignedLong(integer(file, sample)) : defaultSize;
        }
        long start = (long) moof.start() + dataOffset;
        if (start < mdat.body() || start + length > mdat.end()) {
            throw new IllegalArgumentException("a run's samples lie outside its media data (trun at " + trun.start() + ")");
        }
        return new Run(newTrunStart + trun.header() + 8, (int) start, (int) length); // 8: flags, sample count
    }

    private static List<Box> children(byte[] file, Box parent, String type) {
        return boxes(file, parent.body(), parent.end()).stream().filter(b -> b.type().equals(type)).toList();
    }

    private static Box only(byte[] file, Box parent, String type) {
        return children(file, parent, type).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " in " + parent.type() + " at " + parent.start()));
    }

    /** The boxes from {@code from} to {@code to}, which they must fill exactly. */
    private static List<Box> boxes(byte[] file, int from, int to) {
        List<Box> boxes = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                throw new IllegalArgumentException("a truncated box at " + at);
            }
            long size = Integer.toUnsignedLong(integer(file, at));
            String type = new String(file, at + 4, 4, StandardCharsets.US_ASCII);
            int header = 8;
            if (size == 1) {
                if (to - at < 16) {
                    throw new IllegalArgumentException("a truncated box at " + at);
                }
                size = ByteBuffer.wrap(file, at + 8, 8).getLong();
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || size > to - at) {
                throw new IllegalArgumentException("box " + type + " at " + at + " claims " + size + " bytes; "
                        + (to - at) + " are left");
            }
            boxes.add(new Box(type, at, header, (int) size));
            at += (int) size;
        }
        return boxes;
    }

    private static byte[] box(String type, byte[] body) {
        ByteBuffer box = ByteBuffer.allocate(8 + body.length);
        box.putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body);
        return box.array();
    }

    private static int integer(byte[] file, int at) {
        if (at < 0 || at + 4 > file.length) {
            throw new IllegalArgumentException("a field past the end at " + at);
        }
        return ByteBuffer.wrap(file, at, 4).getInt();
    }
}
