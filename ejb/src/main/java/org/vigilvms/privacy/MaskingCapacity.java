package org.vigilvms.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.vigilvms.platform.RefusedRequestException;

/**
 * How many videos this node encodes again at once for playback and export (privacy masks burned
 * in, H.265 transcoded for a browser that cannot play it; each costs about a core while it runs:
 * a decode and an encode): as many as it has cores. A request that finds them all busy waits a few seconds,
 * then is refused with a message that says so, rather than slowing recording down.
 */
@ApplicationScoped
public class MaskingCapacity {

    static final long WAIT_SECONDS = 10;

    private final int slots = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final Semaphore free = new Semaphore(slots, true);

    /** Runs {@code masking} in a slot. */
    public <T> T run(Supplier<T> masking) {
        boolean got;
        try {
            got = free.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedRequestException("interrupted while waiting to mask the video");
        }
        if (!got) {
            throw new RefusedRequestException("this server is encoding " + slots + " videos again for other viewers already"
                    + " (privacy masks, H.265 for browsers without it); try again in a moment");
        }
        try {
            return masking.get();
        } finally {
            free.release();
        }
    }
}
