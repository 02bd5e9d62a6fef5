package org.vigilvms.jms;

import java.util.List;

/**
 * Names of the backbone's destinations. The same names are created, and secured per service
 * identity, by {@code wildfly-config/50-messaging.cli}; {@link ServiceIdentity} says who may
 * send and consume on each.
 */
public final class Destinations {

    /** Liveness of every service; consumed by the management service, which feeds health. */
    public static final String HEARTBEAT = "vigil.heartbeat";
    /** Recorder to storage: a segment was written and awaits indexing and sealing. */
    public static final String SEGMENTS = "vigil.segments";
    /** Recorder to management: a camera went online, offline, unauthorized, ... */
    public static final String CAMERA_STATUS = "vigil.camera.status";
    /** Management to recorder: signed camera commands (PTZ, start/stop recording). */
    public static final String CAMERA_COMMANDS = "vigil.camera.commands";
    /** Analytics to management: event and alert metadata (X.1453 section 6). */
    public static final String ANALYTICS_EVENTS = "vigil.analytics.events";
    /** Management to analytics: signed, versioned zones, masks and sensitivity per camera (T-INJ). */
    public static final String ANALYTICS_CONFIG = "vigil.analytics.config";

    public static final List<String> ALL =
            List.of(HEARTBEAT, SEGMENTS, CAMERA_STATUS, CAMERA_COMMANDS, ANALYTICS_EVENTS, ANALYTICS_CONFIG);

    /** What only the management server consumes: the health, camera status and analytics events of every node. */
    public static final List<String> TO_MANAGEMENT = List.of(HEARTBEAT, CAMERA_STATUS, ANALYTICS_EVENTS);

    private Destinations() {
    }

    /**
     * The queue on a node's own broker where a node without the management role posts a message
     * for {@code destination} (one of {@link #TO_MANAGEMENT}): a core bridge forwards it to that
     * destination on the management node's broker over mutual TLS, and keeps it while that broker
     * cannot be reached. The envelope names {@code destination}, not its outbox.
     */
    public static String outbox(String destination) {
        if (!TO_MANAGEMENT.contains(destination)) {
            throw new IllegalArgumentException(destination + " is not consumed by the management server");
        }
        return "vigil.outbox." + destination.substring("vigil.".length());
    }

    /**
     * The message group (JMSXGroupID) of the recorder's messages on {@link #SEGMENTS}: the broker
     * hands every message of a group to one consumer at a time, in order, so each camera's chain
     * grows in recording order although a message holds several cameras' segments.
     */
    public static final String SEGMENT_GROUP = "recorder-segments";

    /** JNDI name under which WildFly binds the queue for in-server use. */
    public static String jndiName(String destination) {
        return "java:/jms/queue/" + destination;
    }

    /** JNDI name exported to remote clients. */
    public static String exportedJndiName(String destination) {
        return "java:jboss/exported/jms/queue/" + destination;
    }
}
