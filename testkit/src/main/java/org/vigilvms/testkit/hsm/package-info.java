/**
 * A PKCS#11 token for tests (SoftHSM2), for installations that keep their keys in hardware.
 */
package org.vigilvms.testkit.hsm;
