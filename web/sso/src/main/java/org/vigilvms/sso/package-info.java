/**
 * Single sign-on's landing ({@code /sso}): the only module secured by an OpenID provider (WildFly's
 * Elytron OIDC client, 46-sso.cli). It turns a checked ID token into a one-time ticket
 * ({@code org.vigilvms.security.SingleSignOn}) and hands it to the console, whose {@code /login/sso}
 * signs the user in through Elytron like every other sign-in.
 */
package org.vigilvms.sso;
