package org.vigilvms.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Whether the sign-in page offers single sign-on: only when an OpenID provider is configured (46-sso.cli). */
@Named
@ApplicationScoped
public class SsoOffer {

    /** The system property the setup tool writes with the provider's issuer URL. */
    static final String PROVIDER = "vigil.oidc.provider.url";

    public boolean isAvailable() {
        String provider = System.getProperty(PROVIDER, "");
        return provider.startsWith("https://");
    }
}
