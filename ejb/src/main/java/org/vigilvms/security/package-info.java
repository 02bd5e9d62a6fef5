/**
 * Local users and their passwords. Authentication itself is Elytron's (jdbc-realm in
 * 40-security.cli); this package owns the accounts and the first administrator.
 */
package org.vigilvms.security;
