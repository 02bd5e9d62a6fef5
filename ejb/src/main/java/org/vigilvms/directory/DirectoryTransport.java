package org.vigilvms.directory;

import java.util.Locale;

/** How the configured user directory is reached (sign-in and searches alike): not at all, over TLS, or in clear. */
public enum DirectoryTransport {
    NONE, TLS, PLAIN;

    /** The transport of {@code vigil.ldap.url}: {@code ldaps://} is TLS, any other scheme is plain. */
    public static DirectoryTransport configured() {
        String url = System.getProperty("vigil.ldap.url");
        if (url == null || url.isBlank()) {
            return NONE;
        }
        return url.trim().toLowerCase(Locale.ROOT).startsWith("ldaps://") ? TLS : PLAIN;
    }
}
