package org.vigilvms.jms.heartbeat;

/**
 * A service says it is alive. Sent every few seconds by each service to
 * {@link org.vigilvms.jms.Destinations#HEARTBEAT}; the management service records the last one
 * per producer and health reports the broker down when its own heartbeat stops coming back.
 *
 * @param node      host or instance name of the sender
 * @param version   software version of the sender
 * @param startedAtMs when the sending service started, epoch milliseconds UTC
 */
public record ServiceHeartbeat(String node, String version, long startedAtMs) {
    public static final String TYPE = "vigil.ServiceHeartbeat/1";
}
