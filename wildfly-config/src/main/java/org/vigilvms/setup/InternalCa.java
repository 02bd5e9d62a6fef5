package org.vigilvms.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The installation's own certificate authority. It issues the server's TLS certificate, the
 * signing and time-stamping certificates and the client certificates of services on other
 * hosts. Keys are EC P-256, signatures ECDSA with SHA-256; the CA's key is in a key store file,
 * or inside a PKCS#11 token ({@link TokenKeys}) where it signs without leaving it.
 */
public final class InternalCa {

    static final String CA_ALIAS = "vigil-ca";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;
    /** Where the key signs: its token's provider, or null for a key in memory. */
    private final Provider signer;

    private InternalCa(PrivateKey key, X509Certificate certificate, Provider signer) {
        this.key = key;
        this.certificate = certificate;
        this.signer = signer;
    }

    /** A new CA named after the installation. */
    public static InternalCa create(String installationName) {
        try {
            return selfSigned(newKeyPair(), installationName, null);
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot create the internal CA: " + e.getMessage(), e);
        }
    }

    /** A new CA whose key is generated and kept inside {@code token} (alias {@value #CA_ALIAS}). */
    public static InternalCa createIn(TokenKeys token, String installationName) {
        InternalCa ca = selfSigned(token.newKeyPair(), installationName, token.provider());
        token.store(CA_ALIAS, ca.key, ca.certificate);
        return ca;
    }

    /** The CA whose key the token holds. */
    public static InternalCa fromToken(TokenKeys token) {
        return new InternalCa(token.privateKey(CA_ALIAS), token.certificate(CA_ALIAS), token.provider());
    }

    private static InternalCa selfSigned(KeyPair pair, String installationName, Provider signer) {
        try {
            X500Name subject = new X500Name("CN=Vigil VMS internal CA (" + installationName + "),O=Vigil VMS");
            Instant now = Instant.now();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject,
                    pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new InternalCa(pair.getPrivate(), sign(builder, pair.getPrivate(), signer), signer);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new SetupException("cannot create the internal CA: " + e.getMessage(), e);
        }
    }

    public static InternalCa load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return new InternalCa((PrivateKey) store.getKey(CA_ALIAS, password),
                    (X509Certificate) store.getCertificate(CA_ALIAS), null);
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException("cannot read the internal CA " + file + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public void save(Path file, char[] password) {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(CA_ALIAS, key, password, new Certificate[] {certificate});
            write(store, file, password);
            writePem(certificate, file.resolveSibling("ca.pem"));
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot save the internal CA: " + e.getMessage(), e);
        }
    }

    /**
     * Saves the CA certificate alone (its key stays in the token) where the CA's key store is
     * expected, and in PEM beside it.
     */
    public void saveCertificate(Path file, char[] password) {
        try {
            KeyStore store = emptyStore();
            store.setCertificateEntry(CA_ALIAS, certificate);
            write(store, file, password);
            writePem(certificate, file.resolveSibling("ca.pem"));
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot save the internal CA certificate: " + e.getMessage(), e);
        }
    }

    /** A key store holding a new server key and its chain, alias {@code server}. */
    public KeyStore issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses,
                                char[] password) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return issue("server", "CN=" + commonName + ",O=Vigil VMS", names,
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
                KeyUsage.digitalSignature | KeyUsage.keyAgreement, password);
    }

    /** A key store holding a new client key (service or device) and its chain, alias {@code client}. */
    public KeyStore issueClient(String commonName, char[] password) {
        return issue("client", "CN=" + commonName + ",OU=services,O=Vigil VMS", List.of(),
                new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, KeyUsage.digitalSignature | KeyUsage.keyAgreement, password);
    }

    /**
     * A key store holding a recorder node's sealing key and chain, alias {@code seal}: the
     * management node seals the secrets of the node's cameras for it, so its certificate names the
     * node and allows key agreement only (never TLS, never signatures).
     */
    public KeyStore issueSealing(String nodeId, char[] password) {
        return issue("seal", "CN=" + nodeId + ",OU=camera sealing,O=Vigil VMS", List.of(), new KeyPurposeId[0],
                KeyUsage.keyAgreement, password);
    }

    /**
     * A key store holding the server's signing key and chain, alias {@code signing}: signs hash
     * chain heads, the audit chain and evidence manifests (non-repudiation), never TLS.
     */
    public KeyStore issueSigner(String commonName, char[] password) {
        return issue("signing", "CN=" + commonName + ",OU=signing,O=Vigil VMS", List.of(),
                new KeyPurposeId[0], KeyUsage.digitalSignature | KeyUsage.nonRepudiation, password);
    }

    /**
     * A key store holding the time-stamping authority's key, alias {@code tsa}: RFC 3161 requires
     * its certificate to name time-stamping as its only, critical extended key usage.
     */
    public KeyStore issueTimeStamping(String commonName, char[] password) {
        return issue("tsa", "CN=" + commonName + ",OU=time-stamping,O=Vigil VMS", List.of(),
                new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping}, true,
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation, password);
    }

    /** A new signing key generated and kept inside {@code token}, alias {@code signing} (as {@link #issueSigner}); its certificate. */
    public X509Certificate issueSignerIn(TokenKeys token, String commonName) {
        return issueIn(token, "signing", "CN=" + commonName + ",OU=signing,O=Vigil VMS", new KeyPurposeId[0], false,
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    /** A new time-stamping key generated and kept inside {@code token}, alias {@code tsa} (as {@link #issueTimeStamping}); its certificate. */
    public X509Certificate issueTimeStampingIn(TokenKeys token, String commonName) {
        return issueIn(token, "tsa", "CN=" + commonName + ",OU=time-stamping,O=Vigil VMS",
                new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping}, true, KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    private X509Certificate issueIn(TokenKeys token, String alias, String subject, KeyPurposeId[] purposes, boolean purposesCritical,
                                    int keyUsage) {
        KeyPair pair = token.newKeyPair();
        X509Certificate leaf = certify(pair.getPublic(), subject, List.of(), purposes, purposesCritical, keyUsage);
        token.store(alias, pair.getPrivate(), leaf, certificate);
        return leaf;
    }

    /** A key store holding only the CA certificate, as a trust anchor. */
    public KeyStore trustStore() {
        return trustStoreOf(List.of(certificate));
    }

    /** A key store holding only {@code anchors} (none: an empty one), as trust anchors. */
    public static KeyStore trustStoreOf(List<X509Certificate> anchors) {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry(i == 0 ? CA_ALIAS : CA_ALIAS + "-" + i, anchors.get(i));
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot build the trust store: " + e.getMessage(), e);
        }
    }

    private KeyStore issue(String alias, String subject, List<GeneralName> altNames, KeyPurposeId[] purposes,
                           int keyUsage, char[] password) {
        return issue(alias, subject, altNames, purposes, false, keyUsage, password);
    }

    private KeyStore issue(String alias, String subject, List<GeneralName> altNames, KeyPurposeId[] purposes,
                           boolean purposesCritical, int keyUsage, char[] password) {
        try {
            KeyPair pair = newKeyPair();
            X509Certificate leaf = certify(pair.getPublic(), subject, altNames, purposes, purposesCritical, keyUsage);
            KeyStore store = emptyStore();
            store.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {leaf, certificate});
            return store;
        } catch (GeneralSecurityException e) {
            throw new SetupException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** A certificate for {@code subjectKey}, signed with the CA's key (in the token, when it is there). */
    private X509Certificate certify(PublicKey subjectKey, String subject, List<GeneralName> altNames, KeyPurposeId[] purposes,
                                    boolean purposesCritical, int keyUsage) {
        try {
            Instant now = Instant.now();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(LEAF_VALIDITY)),
                    new X500Name(subject), subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (purposes.length > 0) {
                builder.addExtension(Extension.extendedKeyUsage, purposesCritical, new ExtendedKeyUsage(purposes));
            }
            if (!altNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            return sign(builder, key, signer);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new SetupException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    public static void write(KeyStore store, Path file, char[] password) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            FilePermissions.ownerOnly(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void writePem(X509Certificate certificate, Path file) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new SetupException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Addresses of this host worth naming in the server certificate. */
    static List<String> localHostNames() {
        List<String> names = new ArrayList<>(List.of("localhost"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!names.contains(host)) {
                names.add(host);
            }
        } catch (IOException e) {
            // no resolvable host name: localhost alone will do
        }
        return names;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(159, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, Provider provider)
            throws OperatorCreationException, GeneralSecurityException {
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
        return new JcaX509CertificateConverter().getCertificate(
                builder.build((provider == null ? signer : signer.setProvider(provider)).build(key)));
    }
}
