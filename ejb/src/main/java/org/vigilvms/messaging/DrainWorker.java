package org.vigilvms.messaging;

import jakarta.ejb.EJBException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.function.Consumer;
import org.vigilvms.logging.VigilLog;

/**
 * One thread's loop over {@link QueueDrain}: batch after batch while the application runs,
 * paced by {@link DrainPace}. Started and stopped by the consumer that owns the queue.
 */
public final class DrainWorker implements Runnable {

    /** How long one drain waits for a first message; also how long {@link #stop()} may take to be noticed. */
    static final long WAIT_MS = 500;

    private final QueueDrain drain;
    private final ConnectionFactory factory;
    private final Queue queue;
    private final String destination;
    private final Consumer<Message> handler;
    private final DrainPace pace;
    private volatile boolean running = true;

    public DrainWorker(QueueDrain drain, ConnectionFactory factory, Queue queue, String destination, int most,
            Consumer<Message> handler) {
        this.drain = drain;
        this.factory = factory;
        this.queue = queue;
        this.destination = destination;
        this.handler = handler;
        this.pace = new DrainPace(most);
    }

    @Override
    public void run() {
        while (running) {
            int most = pace.next();
            try {
                pace.took(drain.drain(factory, queue, most, WAIT_MS, handler));
            } catch (RuntimeException e) { // the container's EJBException with the cause, or anything else: the thread must go on
                if (!running) {
                    return;
                }
                pace.failed();
                Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
                VigilLog.LOG.drainFailed(most, destination, String.valueOf(cause));
            }
            rest(pace.pauseMs());
        }
    }

    public void stop() {
        running = false;
    }

    private void rest(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
