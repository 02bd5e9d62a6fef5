package org.vigilvms.backup.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The manifest's signature: CMS SignedData, detached, by the installation's signing key with its
 * certificate included; it verifies only when that certificate was issued by the CA the restore
 * expects.
 */
public final class BackupSignature {

    private BackupSignature() {
    }

    /** DER of {@code manifest.json.p7s}. */
    public static byte[] sign(byte[] manifest, PrivateKey key, List<X509Certificate> chain) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), chain.get(0)));
            generator.addCertificates(new JcaCertStore(chain));
            return generator.generate(new CMSProcessableByteArray(manifest), false).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the backup manifest: " + e.getMessage(), e);
        }
    }

    /**
     * The signer's certificate when {@code p7s} is a valid signature of {@code manifest} by a key
     * whose certificate {@code ca} issued.
     */
    public static X509Certificate verify(byte[] manifest, byte[] p7s, X509Certificate ca) throws BackupRefusedException {
        X509Certificate signer;
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(manifest), p7s);
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder holder = (X509CertificateHolder) cms.getCertificates().getMatches(info.getSID()).iterator().next();
            signer = new JcaX509CertificateConverter().getCertificate(holder);
            if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))) {
                throw new BackupRefusedException(BackupRefusedException.Reason.ALTERED,
                        "the backup's manifest does not match its signature: the backup was altered");
            }
        } catch (BackupRefusedException e) {
            throw e;
        } catch (Exception e) {
            throw new BackupRefusedException(BackupRefusedException.Reason.ALTERED,
                    "the backup's manifest does not match its signature (" + e.getMessage() + "): the backup was altered", e);
        }
        try {
            if (!signer.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                throw new IllegalArgumentException("issuer differs");
            }
            signer.verify(ca.getPublicKey());
        } catch (Exception e) {
            throw new BackupRefusedException(BackupRefusedException.Reason.OTHER_INSTALLATION,
                    "the backup was made by another installation: signed by '" + signer.getSubjectX500Principal().getName()
                    + "' of CA '" + signer.getIssuerX500Principal().getName() + "', not issued by the expected CA '"
                    + ca.getSubjectX500Principal().getName() + "' (SHA-256 " + fingerprint(ca) + ")");
        }
        return signer;
    }

    /** SHA-256 of the certificate's DER, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
