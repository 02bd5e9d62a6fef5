package org.vigilvms.event;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import java.util.ArrayList;
import java.util.List;
import org.vigilvms.jms.Destinations;
import org.vigilvms.messaging.DrainWorker;
import org.vigilvms.messaging.QueueDrain;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Management's consumer of analytics' messages. Instead of one transaction per message (as a
 * message-driven bean has), two threads each take whatever is waiting on the queue, up to
 * {@link #MOST} messages, in one transaction: with one event per message, the XA commit, the
 * flush and the alarm rules' lookup are paid once per batch. Each message is still checked on
 * its own ({@link EventIntake}), and a batch that fails is taken again one message at a time.
 */
@PermitAll // nothing here is called by users; the broker authenticates the connection as svc-management
@Singleton
@Startup
public class EventDrainLoop {

    @Inject
    private NodeRoles roles;

    static final int THREADS = 2;
    static final int MOST = 200;

    /** ServiceIdentity.MANAGEMENT's pooled connection factory: the broker lets svc-management consume this queue. */
    @Resource(lookup = "java:/jms/vigil/management")
    private ConnectionFactory factory;

    @Resource(lookup = "java:/jms/queue/" + Destinations.ANALYTICS_EVENTS)
    private Queue queue;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private QueueDrain drain;

    @Inject
    private EventIntake intake;

    private final List<DrainWorker> workers = new ArrayList<>();
    private final List<Thread> running = new ArrayList<>();

    @PostConstruct
    void start() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        for (int i = 0; i < THREADS; i++) {
            DrainWorker worker = new DrainWorker(drain, factory, queue, Destinations.ANALYTICS_EVENTS, MOST, intake::take);
            Thread thread = threads.newThread(worker);
            thread.setName("vigil-event-drain-" + i);
            workers.add(worker);
            running.add(thread);
            thread.start();
        }
    }

    @PreDestroy
    void stop() {
        workers.forEach(DrainWorker::stop);
        for (Thread thread : running) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
