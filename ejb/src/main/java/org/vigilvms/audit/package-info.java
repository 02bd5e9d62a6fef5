/**
 * The audit trail: security-relevant actions stored append-only. (The hash chain, syslog/CEF
 * forwarding and the verifier arrive with the identity and access work, issue #5.)
 */
package org.vigilvms.audit;
