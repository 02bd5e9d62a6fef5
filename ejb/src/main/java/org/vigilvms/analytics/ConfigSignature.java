package org.vigilvms.analytics;

import java.util.Base64;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.platform.ServerSigningKey;

/** Whether a camera's analytics configuration carries the installation's signature over its content. */
public final class ConfigSignature {

    private ConfigSignature() {
    }

    public static boolean verifies(AnalyticsConfiguration config) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(config.signature() == null ? "" : config.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return ServerSigningKey.installation().verify(config.signedBytes(), signature);
    }
}
