/**
 * First-start setup of a Vigil installation: the folder layout, the generated secrets (Elytron
 * credential store, broker identities), the internal CA and the server's TLS key, and the
 * folder of a recorder node, which holds only the secrets recording needs. Run by the
 * README's run command, by the integration tests and by operators before applying the CLI scripts
 * to their own WildFly. Nothing here runs inside the server.
 */
package org.vigilvms.setup;
