package org.vigilvms.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Only a sealing certificate that the installation's CA issued for that very node receives its camera secrets. */
class SealCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final KeyPair caKeys = NodeSealTest.newPair();
    private final X509Certificate ca = certificate("CN=Vigil CA,O=Vigil VMS", caKeys.getPublic(), "CN=Vigil CA,O=Vigil VMS",
            caKeys.getPrivate(), KeyUsage.keyCertSign, NOW);
    private final KeyPair node = NodeSealTest.newPair();

    @Test
    void theCasSealingCertificateOfTheNodeIsAccepted() throws Exception {
        byte[] good = sealing("vigil-2", KeyUsage.keyAgreement, caKeys.getPrivate(), NOW).getEncoded();
        assertEquals(Optional.empty(), SealCertificates.problem(good, ca, "vigil-2", NOW));
    }

    @Test
    void anotherCasCertificateIsRefused() throws Exception {
        byte[] foreign = sealing("vigil-2", KeyUsage.keyAgreement, NodeSealTest.newPair().getPrivate(), NOW).getEncoded();
        assertEquals(Optional.of("not issued by the installation's CA (O=Vigil VMS,CN=Vigil CA)"),
                SealCertificates.problem(foreign, ca, "vigil-2", NOW));
    }

    @Test
    void anotherNodesCertificateIsRefused() throws Exception {
        byte[] vigil3 = sealing("vigil-3", KeyUsage.keyAgreement, caKeys.getPrivate(), NOW).getEncoded();
        assertEquals(Optional.of("a certificate of 'vigil-3' (O=Vigil VMS,OU=camera sealing,CN=vigil-3), not the camera "
                + "sealing certificate of node vigil-2"), SealCertificates.problem(vigil3, ca, "vigil-2", NOW));
    }

    @Test
    void theNodesTlsOrSigningCertificateIsRefused() throws Exception {
        byte[] signing = sealing("vigil-2", KeyUsage.digitalSignature | KeyUsage.keyAgreement, caKeys.getPrivate(), NOW).getEncoded();
        assertEquals(Optional.of("its key usage is not key agreement only"), SealCertificates.problem(signing, ca, "vigil-2", NOW));
        byte[] server = certificate("CN=vigil-2,O=Vigil VMS", node.getPublic(), "CN=Vigil CA,O=Vigil VMS", caKeys.getPrivate(),
                KeyUsage.keyAgreement, NOW).getEncoded();
        assertEquals(Optional.of("a certificate of 'vigil-2' (O=Vigil VMS,CN=vigil-2), not the camera sealing certificate of "
                + "node vigil-2"), SealCertificates.problem(server, ca, "vigil-2", NOW));
    }

    @Test
    void anExpiredCertificateOrNoCertificateIsRefused() throws Exception {
        Instant issued = NOW.minus(Duration.ofDays(900));
        byte[] expired = sealing("vigil-2", KeyUsage.keyAgreement, caKeys.getPrivate(), issued).getEncoded();
        assertEquals(Optional.of("not valid now (" + issued.minus(Duration.ofMinutes(5)) + " to " + issued.plus(Duration.ofDays(825))
                + ")"), SealCertificates.problem(expired, ca, "vigil-2", NOW));
        assertEquals(Optional.of("not an X.509 certificate"), SealCertificates.problem(new byte[] {1, 2, 3}, ca, "vigil-2", NOW));
    }

    private X509Certificate sealing(String nodeId, int usage, PrivateKey issuerKey, Instant at) {
        return certificate("CN=" + nodeId + ",OU=" + SealCertificates.UNIT + ",O=Vigil VMS", node.getPublic(), "CN=Vigil CA,O=Vigil VMS",
                issuerKey, usage, at);
    }

    private static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey, int usage,
                                               Instant at) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(at.toEpochMilli()),
                    Date.from(at.minus(Duration.ofMinutes(5))), Date.from(at.plus(Duration.ofDays(825))), new X500Name(subject), subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(usage == KeyUsage.keyCertSign));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
