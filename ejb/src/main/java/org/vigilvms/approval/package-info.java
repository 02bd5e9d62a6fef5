/**
 * Four eyes (X.1453 T-INS, AC-3): sensitive actions a configuration names wait for a second
 * person holding the same right; the requester can never approve their own request. The package that
 * owns an action says who may decide on it and carries it out ({@code HeldAction}).
 */
package org.vigilvms.approval;
