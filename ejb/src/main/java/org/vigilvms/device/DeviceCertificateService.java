package org.vigilvms.device;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.evidence.ChainLink;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.Pem;
import org.vigilvms.platform.ServerSigningKey;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * Enrolment, listing and revocation of device certificates (MANAGE_USERS, audited), and the
 * per-request admission check of an HTTPS client's certificate. The certificate's subject is
 * set here (CN = device name, OU = kind), never taken from the request: a CSR only contributes
 * its public key, whose possession its signature proves.
 */
@PermitAll // authorization per call through AccessControl; admission is asked by the web layer for every request
@Stateless
public class DeviceCertificateService {

    /** Whether a client certificate may pass, and why not. */
    public record Admission(boolean admitted, String reason) {
    }

    /** A device certificate as listed. */
    public record DeviceView(String serial, String deviceName, DeviceCertificate.Kind kind, String subject, String sha256,
                             Instant notAfter, String issuedBy, Instant issuedTs, Instant revokedTs, String revokedBy,
                             String revocationReason) {
        static DeviceView of(DeviceCertificate c) {
            return new DeviceView(c.getSerial(), c.getDeviceName(), c.getKind(), c.getSubject(), c.getSha256(), c.getNotAfter(),
                    c.getIssuedBy(), c.getIssuedTs(), c.getRevokedTs(), c.getRevokedBy(), c.getRevocationReason());
        }
    }

    /** An issued certificate: the PEM the device installs with its own private key. */
    public record Issued(DeviceView device, String certificatePem, String issuerPem) {
    }

    static final Duration VALIDITY = Duration.ofDays(397);
    static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_CSR_CHARS = 16_384;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** Issues a certificate for the public key of {@code csrPem} (PEM PKCS#10) to the device {@code name}. */
    public Issued enrol(String name, DeviceCertificate.Kind kind, String csrPem) {
        access.require(AccessRight.MANAGE_USERS);
        String caller = access.caller().name();
        if (name == null || !DEVICE_NAME.matcher(name).matches()) {
            throw new InvalidRequestException("device name: 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (kind == null) {
            throw new InvalidRequestException("kind must be WORKSTATION, ANALYTICS or CAMERA");
        }
        PublicKey key = verifiedKey(csrPem);
        ServerSigningKey ca = ServerSigningKey.certificateAuthority();
        Instant now = clock.instant();
        BigInteger serial = new BigInteger(127, new SecureRandom()).setBit(126);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Vigil devices")
                .addRDN(BCStyle.OU, kind.name().toLowerCase(Locale.ROOT)).addRDN(BCStyle.CN, name).build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(ca.certificate(), serial,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca.certificate()))
                    .build(new JcaContentSignerBuilder(ca.certificate().getPublicKey() instanceof ECPublicKey
                            ? "SHA256withECDSA" : "SHA256withRSA").build(ca.privateKey()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            String pem = Pem.of(certificate);
            DeviceCertificate stored = new DeviceCertificate(serial.toString(16), name, kind, subject.toString(), sha256(certificate),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), caller, now, pem);
            em.persist(stored);
            audit.record(caller, "device.enrolled", "device:" + name, AuditEvent.Outcome.SUCCESS,
                    kind + " serial " + stored.getSerial() + " SHA-256 " + stored.getSha256());
            return new Issued(DeviceView.of(stored), pem, Pem.of(ca.certificate()));
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the internal CA could not issue the certificate: " + e.getMessage(), e);
        }
    }

    public List<DeviceView> list() {
        access.require(AccessRight.MANAGE_USERS);
        return em.createQuery("SELECT d FROM DeviceCertificate d ORDER BY d.issuedTs DESC", DeviceCertificate.class)
                .setMaxResults(5000).getResultList().stream().map(DeviceView::of).toList();
    }

    /** Revokes a device certificate at once: its next request is refused. */
    public DeviceView revoke(String serial, String reason) {
        access.require(AccessRight.MANAGE_USERS);
        DeviceCertificate device = serial == null ? null : em.find(DeviceCertificate.class, serial.toLowerCase(Locale.ROOT));
        if (device == null) {
            throw new InvalidRequestException("no device certificate " + serial);
        }
        if (reason == null || reason.isBlank() || reason.length() > 512) {
            throw new InvalidRequestException("a reason is required (at most 512 characters)");
        }
        if (device.getRevokedTs() == null) {
            device.revoke(access.caller().name(), clock.instant(), reason.trim());
            audit.record(access.caller().name(), "device.revoked", "device:" + device.getDeviceName(), AuditEvent.Outcome.SUCCESS,
                    "serial " + serial + ": " + reason.trim());
        }
        return DeviceView.of(device);
    }

    /**
     * Whether a client that presented {@code certificate} (chain already validated by TLS against
     * the internal CA) may go on: it must be one this CA issued on enrolment, not revoked, valid now.
     */
    public Admission admit(X509Certificate certificate, String client) {
        if (certificate == null) {
            return refuse(client, "no device certificate presented");
        }
        String serial = certificate.getSerialNumber().toString(16);
        DeviceCertificate device = em.find(DeviceCertificate.class, serial);
        String fingerprint;
        try {
            fingerprint = sha256(certificate);
        } catch (CertificateEncodingException e) {
            return refuse(client, "unreadable certificate");
        }
        if (device == null || !device.getSha256().equals(fingerprint)) {
            return refuse(client, "certificate " + serial + " (" + certificate.getSubjectX500Principal().getName() + ") was never enrolled");
        }
        if (device.getRevokedTs() != null) {
            return refuse(client, "device " + device.getDeviceName() + " was revoked " + device.getRevokedTs() + " by "
                    + device.getRevokedBy() + ": " + device.getRevocationReason());
        }
        Instant now = clock.instant();
        if (now.isAfter(device.getNotAfter()) || now.isBefore(device.getNotBefore())) {
            return refuse(client, "device " + device.getDeviceName() + " certificate is not valid now");
        }
        return new Admission(true, device.getDeviceName());
    }

    private Admission refuse(String client, String reason) {
        audit.record(client, "device.refused", "https", AuditEvent.Outcome.REJECTED, reason);
        return new Admission(false, reason);
    }

    /** The CSR's public key, after checking its self-signature and strength. */
    private static PublicKey verifiedKey(String csrPem) {
        if (csrPem == null || csrPem.isBlank() || csrPem.length() > MAX_CSR_CHARS) {
            throw new InvalidRequestException("a PEM certificate signing request (PKCS#10) is required");
        }
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PKCS10CertificationRequest request)) {
                throw new InvalidRequestException("not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)");
            }
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(request);
            PublicKey key = csr.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new InvalidRequestException("the request's signature does not match its key");
            }
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048
                    || key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() < 256
                    || !(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
                throw new InvalidRequestException("the key must be RSA of at least 2048 bits or EC of at least 256 bits");
            }
            return key;
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidRequestException("unreadable certificate signing request: " + e.getMessage());
        }
    }

    private static String sha256(X509Certificate certificate) throws CertificateEncodingException {
        return HexFormat.of().formatHex(ChainLink.sha256(certificate.getEncoded()));
    }
}
