package org.vigilvms.jms;

import java.util.Optional;

/**
 * A producer's name as an envelope carries it: one of the {@link ServiceIdentity services}, and the
 * node it runs on ({@code svc-recorder@vigil-2}). A bare service name ({@code svc-recorder}) names
 * the service of the server that reads it: the in-server services signed under it before every
 * producer named its node.
 *
 * @param service the service that signed
 * @param node    the node it runs on; empty for a bare service name
 */
public record ProducerName(ServiceIdentity service, Optional<String> node) {

    /** The producer name of {@code service} on {@code node}. */
    public static String of(ServiceIdentity service, String node) {
        return service.principal() + "@" + node;
    }

    /** The service and node {@code name} names; empty when it names no service of ours. */
    public static Optional<ProducerName> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int at = name.indexOf('@');
        String servicePart = at < 0 ? name : name.substring(0, at);
        String nodePart = at < 0 ? null : name.substring(at + 1);
        if (nodePart != null && nodePart.isEmpty()) {
            return Optional.empty();
        }
        for (ServiceIdentity service : ServiceIdentity.values()) {
            if (service.principal().equals(servicePart)) {
                return Optional.of(new ProducerName(service, Optional.ofNullable(nodePart)));
            }
        }
        return Optional.empty();
    }

    /** The node that signed, reading a bare service name as the service of {@code localNode}. */
    public String nodeOr(String localNode) {
        return node.orElse(localNode);
    }

    /** Whether this service may send to {@code destination} (the broker's rule, checked again on the envelope). */
    public boolean sendsTo(String destination) {
        return service.sendsTo().contains(destination);
    }
}
