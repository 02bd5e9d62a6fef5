/**
 * Who may do what, decided here for every service: rights and their checks
 * ({@code AccessControl}, which asks the camera package where a camera stands through
 * {@code CameraSites}; granting is {@code org.vigilvms.rights}), accounts (local users and their passwords, the
 * first administrator, TOTP), one canonical name per person ({@code PrincipalName}), the sign-in
 * guards per account and per client address, re-authentication for changes that keep an
 * account, the directory of signed-in sessions, and single sign-on's one-time tickets
 * ({@code SingleSignOn}, with what a provider's token may name: {@code SsoClaims}).
 * Authentication itself is Elytron's (40-security.cli, 45-ldap.cli, 46-sso.cli).
 */
package org.vigilvms.security;
