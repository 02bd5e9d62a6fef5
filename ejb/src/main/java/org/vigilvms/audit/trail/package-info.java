/**
 * The audit trail as auditors read it (READ_AUDIT): search by user, action, target and time a
 * page at a time, CSV export that keeps typed text from acting as a spreadsheet formula, and
 * verification of the chain and its signed head, also against a head anchored elsewhere.
 */
package org.vigilvms.audit.trail;
