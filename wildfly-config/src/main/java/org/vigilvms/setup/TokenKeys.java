package org.vigilvms.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;

/**
 * A PKCS#11 token (a hardware security module; SoftHSM2 in the tests) that holds the
 * installation's CA, signing, time-stamping and master keys. They are generated inside it,
 * sensitive and not extractable (the configuration the setup writes says so for every private
 * and secret key), so no file ever holds them; certificates are kept beside them in the token
 * and, for WildFly and the tools, in key stores without keys. The server opens the same token
 * with the same configuration ({@code vigil.pkcs11.config}) and the PIN from the credential
 * store ({@value #PIN_ALIAS}).
 */
public final class TokenKeys {

    /** Server property naming the SunPKCS11 configuration; unset, the keys are in files. */
    public static final String CONFIG_PROPERTY = "vigil.pkcs11.config";
    /** Credential store alias of the token's user PIN. */
    public static final String PIN_ALIAS = "pkcs11-pin";
    /** Label of the first master key; a rotation adds the next generation ({@code vigil-master-2}, ...). */
    static final String FIRST_MASTER_KEY = "vigil-master-1";

    /** Where the token is: its PKCS#11 library, the slot of the token, and the user PIN. */
    public record Settings(Path library, long slot, char[] pin) {
    }

    private final KeyStore store;
    private final Provider provider;

    private TokenKeys(Provider provider, KeyStore store) {
        this.provider = provider;
        this.store = store;
    }

    /**
     * Writes the SunPKCS11 configuration for {@code settings}: the token's library and slot, and
     * that every private and secret key made through it is sensitive and never extractable.
     */
    static void writeConfig(Path file, Settings settings) {
        if (!Files.isRegularFile(settings.library())) {
            throw new SetupException("no PKCS#11 library at " + settings.library());
        }
        String config = """
                name = Vigil
                library = %s
                slot = %d
                attributes(*, CKO_PRIVATE_KEY, *) = {
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                }
                attributes(*, CKO_SECRET_KEY, *) = {
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                }
                """.formatted(settings.library().toAbsolutePath(), settings.slot());
        try {
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new SetupException("cannot write " + file + ": " + e.getMessage(), e);
        }
        FilePermissions.ownerOnly(file);
    }

    /** One provider per configuration this JVM opened (tools and tests may open tokens of several installations). */
    private static final Map<Path, Provider> PROVIDERS = new ConcurrentHashMap<>();

    /** Opens and logs in to the token {@code config} describes. */
    public static TokenKeys open(Path config, char[] pin) {
        try {
            Provider provider = PROVIDERS.computeIfAbsent(config.toAbsolutePath(),
                    c -> Security.getProvider("SunPKCS11").configure(c.toString()));
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return new TokenKeys(provider, store);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new SetupException("cannot open the PKCS#11 token of " + config + " (wrong slot or PIN?): " + e.getMessage(), e);
        }
    }

    /** The provider through which the token's keys are used. */
    Provider provider() {
        return provider;
    }

    public List<String> aliases() {
        try {
            return Collections.list(store.aliases());
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot list the PKCS#11 token: " + e.getMessage(), e);
        }
    }

    boolean contains(String alias) {
        return aliases().contains(alias);
    }

    /** A new EC P-256 key pair inside the token (a session object until {@link #store} keeps it). */
    KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot generate a key pair in the PKCS#11 token: " + e.getMessage(), e);
        }
    }

    /** Keeps {@code key} in the token under {@code alias} with its certificate chain, replacing what was there. */
    void store(String alias, PrivateKey key, X509Certificate... chain) {
        try {
            if (store.containsAlias(alias)) {
                store.deleteEntry(alias);
            }
            store.setKeyEntry(alias, key, null, chain);
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot keep '" + alias + "' in the PKCS#11 token: " + e.getMessage(), e);
        }
    }

    /** A handle on the token's private key {@code alias}. */
    PrivateKey privateKey(String alias) {
        try {
            PrivateKey key = (PrivateKey) store.getKey(alias, null);
            if (key == null) {
                throw new SetupException("the PKCS#11 token holds no key '" + alias + "'");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot read '" + alias + "' from the PKCS#11 token: " + e.getMessage(), e);
        }
    }

    X509Certificate certificate(String alias) {
        try {
            Certificate certificate = store.getCertificate(alias);
            if (certificate == null) {
                throw new SetupException("the PKCS#11 token holds no certificate '" + alias + "'");
            }
            return (X509Certificate) certificate;
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot read '" + alias + "' from the PKCS#11 token: " + e.getMessage(), e);
        }
    }

    /** Generates the first AES-256 master key inside the token unless it holds one. */
    void ensureMasterKey() {
        if (aliases().stream().anyMatch(a -> a.startsWith("vigil-master-"))) {
            return;
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            store.setEntry(FIRST_MASTER_KEY, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot generate the master key in the PKCS#11 token: " + e.getMessage(), e);
        }
    }
}
