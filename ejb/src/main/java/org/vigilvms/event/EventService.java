package org.vigilvms.event;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.analytics.AnalyticsAlert;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.AnalyticsEventBatch;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * Stores what analytics reports and answers searches. Admission: the producer must be an
 * analytics service (in this server or enrolled on another host), the camera known, the event
 * well-formed and within the camera's rate; anything else is refused and audited, and other
 * cameras' events keep flowing. Searching needs PLAYBACK on the camera.
 */
@PermitAll // ingestion is called by the analytics consumer; searches check rights through AccessControl
@Stateless
public class EventService {

    static final Duration LONGEST_SEARCH = Duration.ofDays(31);
    static final int MOST_RESULTS = 1000;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private EventRateLimiter limiter;

    @Inject
    private Event<EventStored> storedEvents;

    @Inject
    private AccessControl access;

    /** Whether a producer name is an analytics service: the in-server one or an enrolled node ("svc-analytics@host"). */
    static boolean isAnalytics(String producer) {
        String own = ServiceIdentity.ANALYTICS.principal();
        return own.equals(producer) || (producer != null && producer.startsWith(own + "@"));
    }

    public void ingest(String producer, AnalyticsEvent event) {
        ingest(producer, event, true);
    }

    /** {@code mayExist}: false when the caller knows the id is new (a batch looked them up at once). */
    private void ingest(String producer, AnalyticsEvent event, boolean mayExist) {
        if (!admissible(producer, event.cameraId(), "event " + event.type())) {
            return;
        }
        if (event.eventId() == null || event.eventId().length() > 64 || !AnalyticsEvent.TYPES.contains(event.type())
                || event.endMs() < event.startMs() || event.score() < 0 || event.score() > 1
                || (event.zone() != null && event.zone().length() > 64)) {
            refuse(producer, event.cameraId(), "malformed event " + event.eventId() + " (" + event.type() + ")");
            return;
        }
        String boxes = event.boxes() == null ? null : event.boxes().stream().limit(8)
                .map(b -> String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", b.x(), b.y(), b.width(), b.height()))
                .collect(Collectors.joining(";"));
        // events are inserted as they are persisted (identity keys), so the lookup needs no flush; one
        // would dirty-check every entity of the transaction, which a drained batch makes many
        List<StoredEvent> known = !mayExist ? List.of() : em.createQuery("SELECT e FROM StoredEvent e WHERE e.eventId = :id",
                StoredEvent.class).setParameter("id", event.eventId()).setFlushMode(FlushModeType.COMMIT).setMaxResults(1)
                .getResultList();
        if (!known.isEmpty()) {
            // the same event again: its end (reported at onset, completed when over); only by whoever reported it
            StoredEvent first = known.get(0);
            if (first.getCameraId() == event.cameraId() && first.getProducer().equals(producer)
                    && first.getType().equals(event.type())) {
                first.complete(Instant.ofEpochMilli(event.endMs()), event.score(), boxes);
            } else {
                refuse(producer, event.cameraId(), "event " + event.eventId() + " exists for another camera, type or producer");
            }
            return;
        }
        StoredEvent stored = new StoredEvent(event.eventId(), event.cameraId(), event.type(), event.zone(),
                Instant.ofEpochMilli(event.startMs()), Instant.ofEpochMilli(event.endMs()), event.score(), boxes, producer,
                clock.instant());
        em.persist(stored);
        storedEvents.fire(new EventStored(stored));
    }

    /** A batch: each event admitted or refused on its own, all in this one transaction. */
    public void ingest(String producer, AnalyticsEventBatch batch) {
        if (batch.events() == null || batch.events().isEmpty() || batch.events().size() > AnalyticsEventBatch.MOST_EVENTS) {
            refuse(producer, -1, "batch of " + (batch.events() == null ? 0 : batch.events().size()) + " events (1.."
                    + AnalyticsEventBatch.MOST_EVENTS + ")");
            return;
        }
        // one query for the ids already stored (completions of events reported at their onset)
        List<String> ids = batch.events().stream().filter(Objects::nonNull).map(AnalyticsEvent::eventId)
                .filter(Objects::nonNull).toList();
        Set<String> known = ids.isEmpty() ? Set.of() : new HashSet<>(em.createQuery(
                "SELECT e.eventId FROM StoredEvent e WHERE e.eventId IN :ids", String.class).setParameter("ids", ids)
                .setFlushMode(FlushModeType.COMMIT).getResultList());
        Set<String> seen = new HashSet<>();
        for (AnalyticsEvent event : batch.events()) {
            if (event != null) {
                ingest(producer, event, known.contains(event.eventId()) || !seen.add(String.valueOf(event.eventId())));
            }
        }
    }

    public void ingest(String producer, AnalyticsAlert alert) {
        if (!admissible(producer, alert.cameraId(), "alert " + alert.kind())) {
            return;
        }
        if (alert.alertId() == null || alert.alertId().length() > 64 || alert.kind() == null || alert.kind().length() > 32
                || alert.eventIds() == null || alert.eventIds().size() > 16) {
            refuse(producer, alert.cameraId(), "malformed alert " + alert.alertId());
            return;
        }
        String detail = alert.detail() == null ? null : alert.detail().substring(0, Math.min(1000, alert.detail().length()));
        em.persist(new StoredAlert(alert.alertId(), alert.cameraId(), alert.kind(), Instant.ofEpochMilli(alert.atMs()),
                String.join(",", alert.eventIds()), detail, producer, clock.instant()));
        audit.record(producer, "analytics.alert", "camera:" + alert.cameraId(), AuditEvent.Outcome.SUCCESS,
                alert.kind() + " made of " + alert.eventIds().size() + " events" + (detail == null ? "" : ": " + detail));
    }

    private boolean admissible(String producer, long cameraId, String what) {
        if (!isAnalytics(producer)) {
            refuse(producer, cameraId, what + " from a producer that is not an analytics service");
            return false;
        }
        if (em.find(Camera.class, cameraId) == null) {
            refuse(producer, cameraId, what + " for an unknown camera");
            return false;
        }
        long now = clock.millis();
        if (!limiter.admit(cameraId, now)) {
            long refused = limiter.refusalsToReport(cameraId, now);
            if (refused > 0) {
                audit.record(producer, "analytics.rate_limited", "camera:" + cameraId, AuditEvent.Outcome.REJECTED,
                        refused + " events refused: more than " + (int) EventRateLimiter.perSecond() + " per second");
            }
            return false;
        }
        return true;
    }

    private void refuse(String producer, long cameraId, String why) {
        audit.record(producer, "analytics.rejected", "camera:" + cameraId, AuditEvent.Outcome.REJECTED, why);
    }

    /** Events of a camera in a time range, optionally of one type and zone, oldest first. */
    public List<EventView> search(long cameraId, Instant from, Instant to, String type, String zone) {
        access.require(AccessRight.PLAYBACK, cameraId);
        checkRange(from, to);
        return em.createQuery("""
                SELECT e FROM StoredEvent e WHERE e.cameraId = :c AND e.startTs < :to AND e.endTs >= :from
                  AND (:type IS NULL OR e.type = :type) AND (:zone IS NULL OR e.zone = :zone) ORDER BY e.startTs""",
                        StoredEvent.class)
                .setParameter("c", cameraId).setParameter("from", from).setParameter("to", to)
                .setParameter("type", type).setParameter("zone", zone).setMaxResults(MOST_RESULTS)
                .getResultList().stream().map(StoredEvent::view).toList();
    }

    /** An event with the name of its camera, as the events page lists it. */
    public record Found(EventView event, String cameraName) {
    }

    /** One page of events across cameras, newest first, and how many match in all. */
    public record EventPage(List<Found> events, long total) {
    }

    /**
     * Events of every camera the caller may play back (PLAYBACK, so each one opens in playback),
     * in a time range, optionally of one type and zone; newest first, {@code size} from {@code first}.
     */
    public EventPage page(String type, String zone, Instant from, Instant to, int first, int size) {
        checkRange(from, to);
        if (first < 0 || size < 1 || size > MOST_RESULTS) {
            throw new InvalidRequestException("a page starts at 0 or later and holds 1.." + MOST_RESULTS + " events");
        }
        Map<Long, String> names = new HashMap<>();
        access.camerasWithAny(em.createQuery("SELECT c FROM Camera c", Camera.class).getResultList(), EnumSet.of(AccessRight.PLAYBACK))
                .forEach(c -> names.put(c.getId(), c.getName()));
        if (names.isEmpty()) {
            return new EventPage(List.of(), 0);
        }
        String where = " FROM StoredEvent e WHERE e.cameraId IN :cameras AND e.startTs < :to AND e.endTs >= :from"
                + " AND (:type IS NULL OR e.type = :type) AND (:zone IS NULL OR e.zone = :zone)";
        long total = em.createQuery("SELECT count(e)" + where, Long.class).setParameter("cameras", names.keySet())
                .setParameter("from", from).setParameter("to", to).setParameter("type", type).setParameter("zone", zone)
                .getSingleResult();
        List<Found> events = em.createQuery("SELECT e" + where + " ORDER BY e.startTs DESC, e.id DESC", StoredEvent.class)
                .setParameter("cameras", names.keySet()).setParameter("from", from).setParameter("to", to)
                .setParameter("type", type).setParameter("zone", zone).setFirstResult(first).setMaxResults(size)
                .getResultList().stream().map(e -> new Found(e.view(), names.get(e.getCameraId()))).toList();
        return new EventPage(events, total);
    }

    /** Motion search: motion events whose moving boxes touch {@code region} (fractions of the picture). */
    public List<EventView> motionIn(long cameraId, Instant from, Instant to, Region region) {
        if (region == null) {
            throw new InvalidRequestException("a region x, y, w, h (fractions of the picture) is required");
        }
        return search(cameraId, from, to, "MOTION", null).stream()
                .filter(e -> e.boxes() != null && Arrays.stream(e.boxes().split(";")).anyMatch(box -> {
                    String[] v = box.split(",");
                    return new Region(null, Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                            Double.parseDouble(v[3])).intersects(region);
                })).toList();
    }

    private static void checkRange(Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidRequestException("from and to are required, from before to");
        }
        if (Duration.between(from, to).compareTo(LONGEST_SEARCH) > 0) {
            throw new InvalidRequestException("at most " + LONGEST_SEARCH.toDays() + " days at a time");
        }
    }
}
