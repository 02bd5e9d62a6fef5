/**
 * The audit trail: security-relevant actions stored append-only (by a node without the
 * management role through the database function that marks them as its reports), sealed into a hash chain whose
 * head the server signs, and sent with those heads to the SIEM over TLS ({@link
 * org.vigilvms.audit.SiemForwarder}, RFC 5424 in RFC 5425 frames) so that a copy lives off the server. Reading and verifying the trail is
 * {@code org.vigilvms.audit.trail}.
 */
package org.vigilvms.audit;
