/** Backing beans of the operator console pages; thin, they call EJB services. */
package org.vigilvms.console;
