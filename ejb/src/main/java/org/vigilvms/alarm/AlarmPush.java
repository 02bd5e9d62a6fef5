package org.vigilvms.alarm;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.Caller;

/**
 * Consoles listening for alarms (the web tier's alarm socket subscribes them): each committed
 * alarm change goes to the consoles whose user may watch or play back its camera, checked with
 * that user's grants at the moment of sending.
 */
@ApplicationScoped
public class AlarmPush {

    /** A console: who is watching, and how to reach it. */
    public interface Subscriber {
        Caller caller();

        void send(String json);
    }

    private static final Jsonb JSON = JsonbBuilder.create();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Map<String, Caller> expected = new ConcurrentHashMap<>();

    @Inject
    private AccessControl access;

    /** Remembers who asked for a ticket, so the socket opened with it acts for that caller (and only once). */
    public void expect(String ticket, Caller caller) {
        if (expected.size() > 10_000) {
            expected.clear(); // unused tickets expire by themselves; never let them pile up
        }
        expected.put(ticket, caller);
    }

    public Caller claim(String ticket) {
        return ticket == null ? null : expected.remove(ticket);
    }

    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    @Resource
    private ManagedExecutorService executor;

    /** After the commit, on another thread: the rights check needs a transaction of its own. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlarmNotice notice) {
        executor.execute(() -> deliver(notice));
    }

    private void deliver(AlarmNotice notice) {
        String json = JSON.toJson(Map.of("alarm", notice.alarm(), "sound", notice.sound()));
        long camera = notice.alarm().cameraId();
        for (Subscriber subscriber : subscribers) {
            if (access.mayWatchOrPlayBack(subscriber.caller(), camera)) {
                subscriber.send(json);
            }
        }
    }

}
