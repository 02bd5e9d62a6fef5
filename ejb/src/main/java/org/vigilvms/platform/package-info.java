/**
 * Cross-cutting pieces every feature uses: the clock, this node's name ({@code NodeName}), the
 * installation paths and secrets, the server signing key, the PKCS#11 token that may hold the
 * installation's keys, after-commit work, the exceptions for a request that cannot be accepted
 * (and for one refused whose audit row must be kept, {@code RefusedRequestException}), the token
 * bucket behind every rate limit, the rule for free text people type ({@code FreeText}), and the deployment's
 * meters on the server's registry, replaced when registered again and removed when the deployment
 * stops ({@code Meters}, {@code MeterCleanup}).
 */
package org.vigilvms.platform;
