package org.vigilvms.platform;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The server's signing key (EC P-256, issued by the internal CA) from the key store that
 * wildfly-config names ({@code vigil.signing.keystore.file}); its password is read from the
 * installation's credential store, never from a file in clear. When the installation keeps its
 * keys in a PKCS#11 token ({@link HardwareToken}), the key is the token's object of the same
 * alias, and signing happens inside the token. Loaded once.
 */
public final class ServerSigningKey {

    public static final String ALGORITHM = "SHA256withECDSA";
    private static final String PASSWORD_ALIAS = "signing-keystore";
    private static volatile ServerSigningKey installation;
    private static volatile ServerSigningKey timeStamping;

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    public ServerSigningKey(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    public static ServerSigningKey installation() {
        ServerSigningKey loaded = installation;
        if (loaded == null) {
            loaded = load("signing");
            installation = loaded;
        }
        return loaded;
    }

    /**
     * The key of Vigil's own time-stamping authority (alias {@code tsa} in the same key store; its
     * certificate names time-stamping as its only, critical extended key usage, as RFC 3161 asks).
     */
    public static ServerSigningKey timeStamping() {
        ServerSigningKey loaded = timeStamping;
        if (loaded == null) {
            loaded = load("tsa");
            timeStamping = loaded;
        }
        return loaded;
    }

    private static volatile ServerSigningKey certificateAuthority;

    /**
     * The internal CA's key ({@code vigil.ca.keystore.file}, alias {@code vigil-ca}): issues the
     * certificates of enrolled devices. Held by the server only to sign what an administrator
     * approved (see the device package).
     */
    public static ServerSigningKey certificateAuthority() {
        ServerSigningKey loaded = certificateAuthority;
        if (loaded == null) {
            loaded = HardwareToken.configured() ? fromToken(HardwareToken.installation(), "vigil-ca")
                    : load(Path.of(InstallationSecrets.required("vigil.ca.keystore.file")),
                            Path.of(InstallationSecrets.required("vigil.credstore.file")),
                            InstallationSecrets.required("vigil.credstore.password").toCharArray(), "ca-keystore", "vigil-ca");
            certificateAuthority = loaded;
        }
        return loaded;
    }

    private static ServerSigningKey load(String alias) {
        if (HardwareToken.configured()) {
            return fromToken(HardwareToken.installation(), alias);
        }
        return load(Path.of(InstallationSecrets.required("vigil.signing.keystore.file")), Path.of(InstallationSecrets.required("vigil.credstore.file")),
                InstallationSecrets.required("vigil.credstore.password").toCharArray(), PASSWORD_ALIAS, alias);
    }

    static ServerSigningKey load(Path keyStoreFile, Path credentialStoreFile, char[] credentialStorePassword, String passwordAlias,
                                 String alias) {
        try {
            char[] password = InstallationSecrets.read(credentialStoreFile, credentialStorePassword, passwordAlias);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStoreFile)) {
                keyStore.load(in, password);
            }
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (key == null || chain == null) {
                throw new IllegalStateException(keyStoreFile + " holds no key '" + alias + "' (run the setup again)");
            }
            return new ServerSigningKey(key, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the server signing key " + keyStoreFile + ": " + e.getMessage(), e);
        }
    }

    /** The token's private key {@code alias} (a handle: the key never leaves the token) and its certificate chain. */
    static ServerSigningKey fromToken(HardwareToken token, String alias) {
        try {
            PrivateKey key = (PrivateKey) token.keys().getKey(alias, null);
            Certificate[] chain = token.keys().getCertificateChain(alias);
            if (key == null || chain == null) {
                throw new IllegalStateException("the PKCS#11 token holds no key '" + alias + "' (run the setup again)");
            }
            return new ServerSigningKey(key, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key '" + alias + "' from the PKCS#11 token: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** SHA-256 of the certificate: the signer fingerprint a signed head carries. */
    public byte[] certificateSha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the signing certificate: " + e.getMessage(), e);
        }
    }

    /** The signing certificate followed by its issuers (the internal CA). */
    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return key;
    }

    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signatureBytes} is this key's signature over {@code data}. */
    public boolean verify(byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(certificate().getPublicKey());
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false; // malformed signature bytes: not a valid signature
        }
    }
}
