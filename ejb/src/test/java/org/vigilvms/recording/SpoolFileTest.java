package org.vigilvms.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFileTest {

    @TempDir
    Path spool;

    private static byte[] box(String type, int payload) {
        return ByteBuffer.allocate(8 + payload).putInt(8 + payload).put(type.getBytes(StandardCharsets.US_ASCII)).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void namesCarryCameraStartEpochAndState() {
        Path part = SpoolFile.inProgress(spool, 42, 9, 1_700_000_000_123L);
        SpoolFile.Name name = SpoolFile.parse(part).orElseThrow();
        assertEquals(42, name.cameraId());
        assertEquals(1_700_000_000_123L, name.startMs());
        assertEquals(9, name.epoch());
        assertFalse(name.complete());
        SpoolFile.Name older = SpoolFile.parse(spool.resolve("42-1000-" + UUID.randomUUID() + ".mp4")).orElseThrow();
        assertEquals(new SpoolFile.Name(42, 1000, 0, true), older, "written before ownership existed: epoch 0");
        assertTrue(SpoolFile.parse(spool.resolve("notes.txt")).isEmpty());
        assertTrue(SpoolFile.parse(spool.resolve("../1-2-x.mp4")).isEmpty());
    }

    @Test
    void completingRenamesToMp4() throws Exception {
        Path part = SpoolFile.inProgress(spool, 7, 1, 1000);
        Files.write(part, new byte[] {1});
        Path done = SpoolFile.complete(part);
        assertTrue(done.getFileName().toString().endsWith(".mp4"));
        assertTrue(SpoolFile.parse(done).orElseThrow().complete());
        assertFalse(Files.exists(part));
    }

    @Test
    void cutsAfterTheLastWholeFragment() throws Exception {
        byte[] head = concat(box("ftyp", 16), box("moov", 100));
        byte[] fragment1 = concat(box("moof", 40), box("mdat", 500));
        byte[] fragment2 = concat(box("moof", 40), box("mdat", 700));
        byte[] cut = Arrays.copyOf(concat(box("moof", 40), box("mdat", 900)), 300); // mdat cut short
        Path file = spool.resolve("a.part");
        Files.write(file, concat(head, fragment1, fragment2, cut));
        assertEquals(2, SpoolFile.truncateToCompleteFragments(file));
        assertEquals(head.length + fragment1.length + fragment2.length, Files.size(file));
    }

    @Test
    void aMoofWithoutItsMdatIsDropped() throws Exception {
        byte[] head = concat(box("ftyp", 16), box("moov", 100));
        byte[] fragment1 = concat(box("moof", 40), box("mdat", 500));
        Path file = spool.resolve("b.part");
        Files.write(file, concat(head, fragment1, box("moof", 40)));
        assertEquals(1, SpoolFile.truncateToCompleteFragments(file));
        assertEquals(head.length + fragment1.length, Files.size(file));
    }

    @Test
    void noWholeFragmentLeavesNothing() throws Exception {
        Path file = spool.resolve("c.part");
        Files.write(file, concat(box("ftyp", 16), Arrays.copyOf(box("moov", 100), 50)));
        assertEquals(0, SpoolFile.truncateToCompleteFragments(file));
        assertEquals(0, Files.size(file));
    }
}
