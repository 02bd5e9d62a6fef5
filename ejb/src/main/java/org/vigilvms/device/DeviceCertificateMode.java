package org.vigilvms.device;

/**
 * Device-certificate mode (X.1453 A-3): whether every request must come from an enrolled device.
 * Read at each call, so switching it takes effect at the next request; the web layer's gate asks
 * {@link DeviceCertificateService#admit} for each request while it is on.
 */
public final class DeviceCertificateMode {

    /** The setting that switches the mode on: {@code required}; anything else leaves it off. */
    public static final String PROPERTY = "vigil.device.certificates";

    private DeviceCertificateMode() {
    }

    public static boolean required() {
        return "required".equalsIgnoreCase(System.getProperty(PROPERTY, "optional").trim());
    }
}
