package org.vigilvms.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncachedFileWriterTest {

    /** File systems known to take O_DIRECT: there the writer must bypass the page cache, not quietly fall back. */
    private static final Set<String> DIRECT_CAPABLE = Set.of("ext4", "xfs", "btrfs");

    @TempDir
    Path dir;

    @Test
    void aFileOfAnyLengthWrittenInAnyPiecesReadsBackExactly() throws Exception {
        Random random = new Random(42);
        int piece = UncachedFileWriter.PIECE;
        int[] lengths = {0, 1, 511, 4095, 4096, 4097, 65_536 + 28, piece - 1, piece, piece + 1, 3 * piece + 4_123};
        int[] chunks = {1, 4_000, 65_552, 3 * piece};
        for (int length : lengths) {
            for (int chunk : chunks) {
                byte[] content = new byte[length];
                random.nextBytes(content);
                Path file = dir.resolve(length + "-" + chunk + ".vseg");
                long written;
                try (UncachedFileWriter out = UncachedFileWriter.create(file)) {
                    for (int at = 0; at < length; at += chunk) {
                        ByteBuffer source = ByteBuffer.wrap(content, at, Math.min(chunk, length - at));
                        assertEquals(source.remaining(), out.write(source));
                        assertEquals(0, source.remaining());
                    }
                    written = out.length();
                }
                assertEquals(length, written);
                assertArrayEquals(content, Files.readAllBytes(file), "length " + length + " in pieces of " + chunk);
            }
        }
    }

    @Test
    void aFileSystemThatTakesODirectIsWrittenPastThePageCacheAndOneThatRefusesItThrough() throws Exception {
        // judged by the file system itself, not by its name: open a file with O_DIRECT here
        boolean takesDirect = takesODirect(dir);
        try (UncachedFileWriter out = UncachedFileWriter.create(dir.resolve("probe"))) {
            assertEquals(takesDirect, out.uncached(), Files.getFileStore(dir).type() + (takesDirect
                    ? " takes O_DIRECT, yet the writer went through the page cache" : " refuses O_DIRECT, yet the writer claims it"));
        }
        if (DIRECT_CAPABLE.contains(Files.getFileStore(dir).type())) {
            assertTrue(takesDirect, "an " + Files.getFileStore(dir).type() + " file system refused O_DIRECT");
        }
    }

    private static boolean takesODirect(Path dir) throws Exception {
        Path probe = Files.createTempFile(dir, "direct", ".probe");
        try (FileChannel ignored = FileChannel.open(probe, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
            return true;
        } catch (IOException | UnsupportedOperationException refused) {
            return false;
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void rewritingAnExistingFileLeavesOnlyTheNewContent() throws Exception {
        Path file = dir.resolve("again.vseg");
        try (UncachedFileWriter out = UncachedFileWriter.create(file)) {
            out.write(ByteBuffer.wrap(new byte[3 * UncachedFileWriter.PIECE]));
        }
        byte[] shorter = {1, 2, 3, 4, 5};
        try (UncachedFileWriter out = UncachedFileWriter.create(file)) {
            out.write(ByteBuffer.wrap(shorter));
        }
        assertArrayEquals(shorter, Files.readAllBytes(file));
    }
}
