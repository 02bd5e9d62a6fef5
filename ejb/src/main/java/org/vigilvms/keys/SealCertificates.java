package org.vigilvms.keys;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a certificate a node published may receive that node's camera secrets: issued by the
 * installation's CA (its signature verifies with the CA's key), valid now, naming the node as its
 * common name in the OU "camera sealing", and for key agreement only. A database writer who
 * puts another key in a node's row gets nothing sealed for it.
 */
public final class SealCertificates {

    /** The organisational unit of a node's sealing certificate. */
    public static final String UNIT = "camera sealing";

    private SealCertificates() {
    }

    /** Empty when {@code encoded} is a sealing certificate of {@code node} from {@code ca}; otherwise why not. */
    public static Optional<String> problem(byte[] encoded, X509Certificate ca, String node, Instant now) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
        } catch (CertificateException | ClassCastException e) {
            return Optional.of("not an X.509 certificate");
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("not issued by the installation's CA (" + certificate.getIssuerX500Principal().getName() + ")");
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            return Optional.of("not valid now (" + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ")");
        }
        String commonName = attribute(certificate, "CN");
        if (!node.equals(commonName) || !UNIT.equals(attribute(certificate, "OU"))) {
            return Optional.of("a certificate of '" + commonName + "' (" + certificate.getSubjectX500Principal().getName()
                    + "), not the camera sealing certificate of node " + node);
        }
        boolean[] usage = certificate.getKeyUsage();
        boolean agreementOnly = usage != null && usage.length > 4 && usage[4];
        for (int i = 0; usage != null && i < usage.length; i++) {
            agreementOnly &= i == 4 || !usage[i];
        }
        if (!agreementOnly) {
            return Optional.of("its key usage is not key agreement only");
        }
        if (!"EC".equals(certificate.getPublicKey().getAlgorithm())) {
            return Optional.of("its key is " + certificate.getPublicKey().getAlgorithm() + ", not EC P-256");
        }
        return Optional.empty();
    }

    private static String attribute(X509Certificate certificate, String type) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
