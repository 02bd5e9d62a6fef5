package org.vigilvms.platform;

import java.util.regex.Pattern;

/**
 * This server's name among the nodes of an installation: the system property {@code vigil.node.id}
 * (also the transaction manager's node identifier, 30-datasource.cli), {@code vigil-1} when unset.
 * It names the node in camera ownership, so it must be unique per installation and stay the same
 * across restarts.
 */
public record NodeName(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public NodeName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a node name is 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit: " + value);
        }
    }

    static NodeName fromSystemProperty() {
        return new NodeName(System.getProperty("vigil.node.id", "vigil-1"));
    }

    @Override
    public String toString() {
        return value;
    }
}
