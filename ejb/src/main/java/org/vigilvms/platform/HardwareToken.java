package org.vigilvms.platform;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Collections;
import java.util.List;

/**
 * The PKCS#11 token (a hardware security module; SoftHSM2 in the tests) that holds the
 * installation's CA, signing, time-stamping and master keys when the setup put them there. The
 * keys were generated inside it, sensitive and not extractable: the server only asks the token
 * to sign, encrypt and decrypt with them. {@code vigil.pkcs11.config} names the SunPKCS11
 * configuration the setup wrote; the user PIN is read from the credential store
 * ({@value #PIN_ALIAS}). The configured provider is registered with the JVM, so a signature
 * with a token key finds it wherever it is made (Bouncy Castle's builders included).
 */
public final class HardwareToken {

    /** System property naming the SunPKCS11 configuration; unset, the keys are in files. */
    public static final String CONFIG_PROPERTY = "vigil.pkcs11.config";
    /** Credential store alias of the token's user PIN. */
    public static final String PIN_ALIAS = "pkcs11-pin";
    /** Name of the provider the configuration gives ("SunPKCS11-" and the configuration's name). */
    static final String PROVIDER_NAME = "SunPKCS11-Vigil";

    private static volatile HardwareToken installation;

    private final Provider provider;
    private final KeyStore keys;

    private HardwareToken(Provider provider, KeyStore keys) {
        this.provider = provider;
        this.keys = keys;
    }

    /** Whether this installation keeps its keys in a token. */
    public static boolean configured() {
        return System.getProperty(CONFIG_PROPERTY) != null;
    }

    /** The installation's token, opened and logged in once. */
    public static HardwareToken installation() {
        HardwareToken token = installation;
        if (token == null) {
            synchronized (HardwareToken.class) {
                token = installation;
                if (token == null) {
                    token = open(InstallationSecrets.required(CONFIG_PROPERTY), InstallationSecrets.read(PIN_ALIAS));
                    installation = token;
                }
            }
        }
        return token;
    }

    private static HardwareToken open(String config, char[] pin) {
        try {
            Provider provider = Security.getProvider(PROVIDER_NAME);
            if (provider == null) {
                provider = Security.getProvider("SunPKCS11").configure(config);
                Security.addProvider(provider);
            }
            KeyStore keys = KeyStore.getInstance("PKCS11", provider);
            keys.load(null, pin);
            return new HardwareToken(provider, keys);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IllegalStateException("cannot open the PKCS#11 token of " + config + ": " + e.getMessage(), e);
        }
    }

    public Provider provider() {
        return provider;
    }

    /** The token's objects as a key store: aliases are the objects' labels. */
    public KeyStore keys() {
        return keys;
    }

    /** The labels of the token's keys and certificates. */
    public List<String> aliases() {
        try {
            return Collections.list(keys.aliases());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot list the PKCS#11 token: " + e.getMessage(), e);
        }
    }
}
