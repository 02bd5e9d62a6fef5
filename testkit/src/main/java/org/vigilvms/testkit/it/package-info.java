/**
 * The integration-test environment: a fresh installation and a real PostgreSQL prepared before
 * Arquillian starts WildFly, and helpers tests use to talk to the server like real clients
 * (HTTPS trusting the installation's CA, JMS over mutual TLS).
 */
package org.vigilvms.testkit.it;
