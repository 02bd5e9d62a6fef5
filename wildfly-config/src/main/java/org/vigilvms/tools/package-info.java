/**
 * Command-line tools for operators and auditors of an installation, and the client side they
 * share (TLS that trusts the installation's CA, the console's form login).
 */
package org.vigilvms.tools;
