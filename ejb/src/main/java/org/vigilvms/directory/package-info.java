/**
 * The directory (LDAP, Active Directory) as administrators browse it: users, groups, and the
 * rights each user gets from Vigil's grants and where they come from.
 */
package org.vigilvms.directory;
