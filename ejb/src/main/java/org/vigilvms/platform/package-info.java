/**
 * Cross-cutting pieces every feature uses: the clock, this node's name ({@code NodeName}) and the
 * roles it runs ({@code NodeRoles}: which servers of X.1453's figure 1 it is, read from
 * {@code vigil.role.*}, logged at start by {@code NodeStartup}), the
 * installation paths and secrets, the server signing key, the PKCS#11 token that may hold the
 * installation's keys, after-commit work, the exceptions for a request that cannot be accepted
 * (and for one refused whose audit row must be kept, {@code RefusedRequestException}), the token
 * bucket behind every rate limit, the rule for free text people type ({@code FreeText}), and the deployment's
 * meters on the server's registry, replaced when registered again and removed when the deployment
 * stops ({@code Meters}, {@code MeterCleanup}).
 */
package org.vigilvms.platform;
