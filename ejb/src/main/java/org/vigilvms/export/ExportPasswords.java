package org.vigilvms.export;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords of encrypted exports between the request and the job's run, in memory only: a
 * restart forgets them and the job fails, asking for a new request.
 */
@ApplicationScoped
public class ExportPasswords {

    private final Map<UUID, char[]> waiting = new ConcurrentHashMap<>();

    void keep(UUID job, char[] password) {
        waiting.put(job, password);
    }

    /** The password, removed from memory here; null when there is none (or it was lost). */
    char[] take(UUID job) {
        return waiting.remove(job);
    }

    void forget(UUID job) {
        char[] password = waiting.remove(job);
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
