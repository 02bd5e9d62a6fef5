/**
 * The console's sign-in: a login endpoint in front of Elytron that refuses locked and disabled
 * accounts, counts failures, renews the session and audits; and request limits per client address.
 */
package org.vigilvms.login;
