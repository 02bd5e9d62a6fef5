package org.vigilvms.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used so far by processes, read from /proc in clock ticks (user + system): by given
 * processes, and by a PostgreSQL server with its backends (the postmaster named in its data
 * folder's postmaster.pid, what its ended children used, and its children that run).
 */
final class ProcessCpu {

    /** Clock ticks per second (USER_HZ): 100 on Linux for x86. */
    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** The ticks {@code processes} have used; one that ended meanwhile counts nothing. */
    static long ticks(Collection<ProcessHandle> processes) {
        return processes.stream().mapToLong(p -> own(p.pid())).sum();
    }

    /** The ticks the PostgreSQL server whose data folder is {@code dataDir} has used, with every backend. */
    static long postgresTicks(Path dataDir) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL runs in " + dataDir, e);
        }
        List<String> fields = stat(postmaster);
        long total = fields.isEmpty() ? 0
                : Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)) + Long.parseLong(fields.get(13))
                        + Long.parseLong(fields.get(14));
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(e -> e.getFileName().toString().matches("\\d+")).toList()) {
                List<String> child = stat(Long.parseLong(entry.getFileName().toString()));
                if (!child.isEmpty() && Long.parseLong(child.get(1)) == postmaster) {
                    total += Long.parseLong(child.get(11)) + Long.parseLong(child.get(12));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static long own(long pid) {
        List<String> fields = stat(pid);
        return fields.isEmpty() ? 0 : Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
    }

    /**
     * The fields of /proc/PID/stat after the command name (state first, so utime is index 11,
     * stime 12, cutime 13, cstime 14, the parent 1); empty when the process is gone.
     */
    private static List<String> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).strip().split(" "));
        } catch (IOException e) {
            return List.of();
        }
    }
}
