package org.vigilvms.camera;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who steers each PTZ camera: the operator who moved it last holds it for {@link #HOLD}; another
 * operator takes it only with a higher PTZ priority, otherwise is refused until the hold lapses.
 */
@PermitAll // internal: CameraService checks the PTZ right first
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PtzArbiter {

    static final Duration HOLD = Duration.ofSeconds(30);

    /** Another operator with an equal or higher priority is steering the camera. */
    @ApplicationException(rollback = false)
    public static class PtzBusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PtzBusyException(String message) {
            super(message);
        }
    }

    private record Hold(String user, int priority, Instant until) {
    }

    private final Map<Long, Hold> holds = new ConcurrentHashMap<>();

    @Inject
    private Clock clock;

    public void take(long cameraId, String user, int priority) {
        Instant now = clock.instant();
        holds.compute(cameraId, (id, current) -> {
            if (current != null && now.isBefore(current.until()) && !current.user().equalsIgnoreCase(user)
                    && current.priority() >= priority) {
                throw new PtzBusyException("camera " + cameraId + " is steered by " + current.user() + " (priority "
                        + current.priority() + ") until " + current.until());
            }
            return new Hold(user, priority, now.plus(HOLD));
        });
    }
}
