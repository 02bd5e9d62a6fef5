package org.vigilvms.security;

import java.util.Set;

/**
 * Who is calling: the account name, its local roles (only the local realm gives roles) and the
 * LDAP groups it belongs to (read at login; a change in the directory counts from the next login).
 */
public record Caller(String name, Set<String> localRoles, Set<String> ldapGroups) {

    /** Local administrators (break-glass) hold every right on every camera. */
    public static final String ADMIN_ROLE = "admin";

    public Caller {
        localRoles = Set.copyOf(localRoles);
        ldapGroups = Set.copyOf(ldapGroups);
    }

    public boolean anonymous() {
        return name == null || name.equals("anonymous");
    }

    public boolean localAdmin() {
        return localRoles.contains(ADMIN_ROLE);
    }
}
