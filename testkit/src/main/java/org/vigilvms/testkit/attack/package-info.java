/**
 * Attackers for tests: what someone on the camera network can do (intercept, impersonate), run
 * against the real server so that a test shows the defence holds. Loopback addresses only.
 */
package org.vigilvms.testkit.attack;
