package org.vigilvms.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a new file past the page cache (O_DIRECT), in 1 MB pieces from an aligned buffer: a
 * sealed segment is written once and read rarely, and copying it into the page cache was a third
 * of the sealing's CPU (the kernel's copy of every byte, and its page allocation) while it pushed
 * data that is read more often out of the cache. The last piece is padded to the file system's
 * block and the file then truncated to its length. A file system that refuses O_DIRECT (tmpfs on
 * older kernels, some network file systems) is remembered and written the usual way.
 */
final class UncachedFileWriter implements WritableByteChannel {

    /** Bytes per write: large, so that a synchronous write to a slow disk still moves a segment in a few calls. */
    static final int PIECE = 1024 * 1024;

    /**
     * The alignment O_DIRECT needs in a directory (its file system's block size, read once: that
     * parses the mount table); 0 where files are written through the page cache (the file system
     * refused O_DIRECT, or its block size is one this writer cannot meet).
     */
    private static final Map<Path, Integer> ALIGNMENT = new ConcurrentHashMap<>();
    /**
     * One aligned buffer per thread (allocating and zeroing 1 MB of direct memory per segment would
     * cost what the page cache did); so a thread has at most one writer open at a time.
     */
    private static final ThreadLocal<ByteBuffer> BUFFERS = new ThreadLocal<>();

    private final FileChannel file;
    private final ByteBuffer buffer; // null when the file is written through the page cache
    private final int alignment;
    private long length;

    private UncachedFileWriter(FileChannel file, ByteBuffer buffer, int alignment) {
        this.file = file;
        this.buffer = buffer;
        this.alignment = alignment;
    }

    /** Creates (or truncates) {@code target} for writing, past the page cache where its file system allows. */
    static UncachedFileWriter create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        int alignment = ALIGNMENT.computeIfAbsent(dir, UncachedFileWriter::directAlignment);
        if (alignment > 0) {
            try {
                return new UncachedFileWriter(FileChannel.open(target, options(true)), buffer(alignment), alignment);
            } catch (IOException | UnsupportedOperationException refused) {
                // the file system refuses O_DIRECT (EINVAL) when the same file opens without it; any other
                // failure (no such directory, no permission) is the volume's and is thrown from this open
                FileChannel buffered = FileChannel.open(target, options(false));
                ALIGNMENT.put(dir, 0);
                return new UncachedFileWriter(buffered, null, 1);
            }
        }
        return new UncachedFileWriter(FileChannel.open(target, options(false)), null, 1);
    }

    /** Whether this writer bypasses the page cache (for tests). */
    boolean uncached() {
        return buffer != null;
    }

    private static OpenOption[] options(boolean direct) {
        return direct
                ? new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                        ExtendedOpenOption.DIRECT}
                : new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
    }

    /**
     * The block size O_DIRECT needs aligned (the JDK checks the same value), when it is a power of
     * two no larger than a piece; 0 otherwise or when it cannot be read.
     */
    private static int directAlignment(Path dir) {
        try {
            long size = Files.getFileStore(dir).getBlockSize();
            return size > 0 && size <= PIECE && Long.bitCount(size) == 1 ? (int) size : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    private static ByteBuffer buffer(int alignment) {
        ByteBuffer buffer = BUFFERS.get();
        if (buffer == null || buffer.alignmentOffset(0, alignment) != 0) {
            buffer = ByteBuffer.allocateDirect(PIECE + alignment).alignedSlice(alignment).limit(PIECE).slice();
            BUFFERS.set(buffer);
        }
        return buffer.clear();
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        int n = source.remaining();
        if (buffer == null) {
            while (source.hasRemaining()) {
                file.write(source);
            }
        } else {
            while (source.hasRemaining()) {
                int take = Math.min(source.remaining(), buffer.remaining());
                buffer.put(buffer.position(), source, source.position(), take);
                buffer.position(buffer.position() + take);
                source.position(source.position() + take);
                if (!buffer.hasRemaining()) {
                    writeBuffer();
                }
            }
        }
        length += n;
        return n;
    }

    /** Writes the buffer's whole blocks (all of it when full; padded at the end) and empties it. */
    private void writeBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
        buffer.clear();
    }

    /** Bytes written so far (the file's length once closed). */
    long length() {
        return length;
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    /** Writes what is left (padded to a whole block, then cut back to the file's length) and closes the file. */
    @Override
    public void close() throws IOException {
        try (FileChannel closing = file) {
            if (buffer != null && buffer.position() > 0) {
                int padded = (buffer.position() + alignment - 1) / alignment * alignment;
                while (buffer.position() < padded) {
                    buffer.put((byte) 0);
                }
                writeBuffer();
                closing.truncate(length);
            }
        }
    }
}
