/** Messages about cameras between the recorder and the management service. */
package org.vigilvms.jms.camera;
