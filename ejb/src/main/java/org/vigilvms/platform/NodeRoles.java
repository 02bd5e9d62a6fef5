package org.vigilvms.platform;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;

/**
 * The roles this node runs, from {@code vigil.role.management}, {@code vigil.role.recorder} and
 * {@code vigil.role.analytics}: each {@code true} unless set to {@code false}, so a single box
 * runs them all. Anything but {@code true} or {@code false} (in any case), or a node left with
 * no role, stops the deployment: a typing error must not quietly switch a server off.
 */
public final class NodeRoles {

    private final Set<NodeRole> roles;

    private NodeRoles(Set<NodeRole> roles) {
        this.roles = Set.copyOf(roles);
    }

    /** Reads each role's property through {@code properties} (the system properties in the server). */
    public static NodeRoles from(UnaryOperator<String> properties) {
        Set<NodeRole> on = EnumSet.noneOf(NodeRole.class);
        for (NodeRole role : NodeRole.values()) {
            String value = properties.apply(role.property());
            String switched = value == null ? "true" : value.strip().toLowerCase(Locale.ROOT);
            switch (switched) {
                case "true" -> on.add(role);
                case "false" -> { }
                default -> throw new IllegalArgumentException(role.property() + " is true or false, not '" + value + "'");
            }
        }
        if (on.isEmpty()) {
            throw new IllegalArgumentException("a node runs at least one role: vigil.role.management, vigil.role.recorder "
                    + "and vigil.role.analytics are all false");
        }
        return new NodeRoles(on);
    }

    public static NodeRoles of(NodeRole first, NodeRole... more) {
        return new NodeRoles(EnumSet.of(first, more));
    }

    public boolean has(NodeRole role) {
        return roles.contains(role);
    }

    public Set<NodeRole> all() {
        return roles;
    }

    /** The backbone services of these roles: those this node signs for and sends heartbeats of. */
    public Set<ServiceIdentity> services() {
        Set<ServiceIdentity> services = EnumSet.noneOf(ServiceIdentity.class);
        roles.forEach(role -> services.addAll(role.services()));
        return services;
    }

    /**
     * The queue on this node's broker a message for {@code destination} is posted to: the
     * destination itself, or its outbox (bridged to the management node) when the destination is
     * the management server's and this node does not run it.
     */
    public String queueFor(String destination) {
        return Destinations.TO_MANAGEMENT.contains(destination) && !has(NodeRole.MANAGEMENT)
                ? Destinations.outbox(destination) : destination;
    }

    /** For logs and health: {@code management,recorder}. */
    @Override
    public String toString() {
        return roles.stream().sorted().map(NodeRole::id).collect(Collectors.joining(","));
    }
}
