/**
 * Test and demo support around the Vigil server. Nothing here is deployed in the EAR.
 */
package org.vigilvms.testkit;
