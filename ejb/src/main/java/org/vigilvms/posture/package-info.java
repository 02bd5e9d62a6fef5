/**
 * The installation's security posture: each X.1453 requirement with whether it is in force here
 * and now, read from the settings and data of the packages that enforce it (the system page
 * shows it to those who run the system). {@link Posture} is the pure judgement;
 * {@link PostureService} gathers what it judges.
 */
package org.vigilvms.posture;
