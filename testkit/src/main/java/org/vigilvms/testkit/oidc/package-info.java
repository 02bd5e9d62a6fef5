/**
 * A real OpenID provider for the single sign-on tests: Keycloak's distribution, over HTTPS with a
 * CA of its own, with the realm, client, users and groups a test names.
 */
package org.vigilvms.testkit.oidc;
