/**
 * The console's sign-in and sessions: a login endpoint in front of Elytron that folds the typed
 * name into its canonical form, refuses locked and disabled accounts and throttled addresses,
 * counts failures, renews the session and audits; the single sign-on endpoint that signs in with
 * the one-time ticket the SSO module left ({@code /login/sso}) behind the same guards; sign-out; the gate that ends sessions of
 * disabled accounts, sessions ended from the session list and sessions past their lifetime;
 * request limits per client address; the way back: a page asked for without a session (expired,
 * ended, or a Faces Ajax request from a page left open) leads to the sign-in page and, signed in,
 * back to that page, if it is a console page of this application. On a node without the
 * management role nothing but the health endpoint answers ({@code ManagementNodeGate}).
 */
package org.vigilvms.login;
