/** Client-side TLS as a real client of a Vigil installation does it: trust its CA, present a certificate it issued. */
package org.vigilvms.testkit.net;
