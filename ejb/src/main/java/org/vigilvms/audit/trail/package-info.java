/**
 * The audit trail as auditors read it (READ_AUDIT): search by user, action, target and time, and
 * verification of the chain and its signed head, also against a head anchored elsewhere.
 */
package org.vigilvms.audit.trail;
