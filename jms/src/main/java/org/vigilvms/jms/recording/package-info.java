/** Messages between the recorder and the storage service. */
package org.vigilvms.jms.recording;
