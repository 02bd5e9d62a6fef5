/**
 * Granting and revoking rights (MANAGE_USERS, audited, under four eyes when configured) and
 * showing a caller's effective rights with their source. The decisions themselves are
 * {@code org.vigilvms.security.AccessControl}'s.
 */
package org.vigilvms.rights;
