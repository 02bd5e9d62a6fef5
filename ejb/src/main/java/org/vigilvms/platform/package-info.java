/**
 * Cross-cutting pieces every feature uses: the clock, the installation paths and secrets, the
 * server signing key, the PKCS#11 token that may hold the installation's keys,
 * after-commit work, the exception for a request that cannot be accepted, the token bucket behind
 * every rate limit, and the rule for free text people type ({@code FreeText}).
 */
package org.vigilvms.platform;
