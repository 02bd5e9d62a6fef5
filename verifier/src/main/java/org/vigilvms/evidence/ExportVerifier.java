package org.vigilvms.evidence;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks an export with nothing but the export and the certificate of the issuing installation
 * (its CA certificate, or the signing certificate itself): the manifest's signature and
 * time-stamp, every file against its hash, and every original segment against its link in the
 * camera's hash chain. Each problem is named with the file, camera and time range it concerns.
 */
public final class ExportVerifier {

    public enum Problem {
        UNREADABLE, WRONG_PASSWORD, MANIFEST_MISSING, MANIFEST_INVALID, SIGNATURE_MISSING, SIGNATURE_INVALID,
        MANIFEST_ALTERED, SIGNER_UNTRUSTED, TIMESTAMP_MISSING, TIMESTAMP_INVALID, FILE_MISSING, FILE_ALTERED,
        SEGMENT_MISSING, SEGMENT_ALTERED, CHAIN_BROKEN, UNLISTED_FILE
    }

    public record Finding(Problem problem, String where, String detail) {
        @Override
        public String toString() {
            return problem + " " + where + ": " + detail;
        }
    }

    /** The outcome; VALID when there is no finding. */
    public record Report(List<Finding> findings, ExportManifest manifest, X509Certificate signer, Instant stampedAt,
                         X509Certificate timeStampAuthority) {
        public boolean valid() {
            return findings.isEmpty();
        }
    }

    private record FileFacts(byte[] sha256, long bytes, OptionalLong durationMs) {
    }

    private ExportVerifier() {
    }

    /**
     * @param trusted  the issuing installation's CA certificate or its signing certificate
     * @param password the export password when it was encrypted, else null
     */
    public static Report verify(Path export, X509Certificate trusted, char[] password) throws IOException {
        List<Finding> findings = new ArrayList<>();
        Map<String, FileFacts> files = new LinkedHashMap<>();
        byte[] manifestBytes = null;
        byte[] signatureBytes = null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(export))) {
            raw.mark(4);
            byte[] head = raw.readNBytes(2);
            raw.reset();
            InputStream content = raw;
            if (ExportEnvelope.looksEncrypted(head)) {
                if (password == null) {
                    findings.add(new Finding(Problem.WRONG_PASSWORD, export.getFileName().toString(),
                            "the export is encrypted; give its password"));
                    return new Report(findings, null, null, null, null);
                }
                try {
                    content = ExportEnvelope.decrypting(raw, password);
                } catch (ExportEnvelope.WrongPasswordException e) {
                    findings.add(new Finding(Problem.WRONG_PASSWORD, export.getFileName().toString(), e.getMessage()));
                    return new Report(findings, null, null, null, null);
                }
            }
            try (ZipInputStream zip = new ZipInputStream(content)) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (files.containsKey(name) || (name.equals(ExportManifest.MANIFEST) && manifestBytes != null)
                            || (name.equals(ExportManifest.SIGNATURE) && signatureBytes != null)) {
                        findings.add(new Finding(Problem.UNLISTED_FILE, name, "appears more than once in the export"));
                        continue;
                    }
                    if (name.equals(ExportManifest.MANIFEST)) {
                        manifestBytes = zip.readAllBytes();
                    } else if (name.equals(ExportManifest.SIGNATURE)) {
                        signatureBytes = zip.readAllBytes();
                    } else {
                        files.put(name, facts(zip, name.endsWith(".mp4") && name.startsWith("cameras/")));
                    }
                }
                // the ZIP's central directory is left unread; an envelope is only checked complete at its end
                content.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException | RuntimeException e) {
            if (manifestBytes == null) {
                findings.add(new Finding(Problem.UNREADABLE, export.getFileName().toString(),
                        "not a readable export: " + e.getMessage()));
                return new Report(findings, null, null, null, null);
            }
            findings.add(new Finding(Problem.UNREADABLE, export.getFileName().toString(),
                    "the export ends early or is damaged: " + e.getMessage()));
        }
        if (manifestBytes == null) {
            findings.add(new Finding(Problem.MANIFEST_MISSING, ExportManifest.MANIFEST, "the export has no manifest"));
            return new Report(findings, null, null, null, null);
        }
        SignatureCheck signature = checkSignature(manifestBytes, signatureBytes, trusted, findings);
        ExportManifest manifest;
        try {
            manifest = ExportManifest.parse(manifestBytes);
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(Problem.MANIFEST_INVALID, ExportManifest.MANIFEST, e.getMessage()));
            return new Report(findings, null, signature.signer, signature.stampedAt, signature.tsa);
        }
        checkFiles(manifest, files, findings);
        return new Report(List.copyOf(findings), manifest, signature.signer, signature.stampedAt, signature.tsa);
    }

    private static FileFacts facts(InputStream entry, boolean cameraVideo) throws IOException {
        MessageDigest digest = ChainLink.sha256Digest();
        long[] count = {0};
        InputStream counted = new FilterInputStream(new DigestInputStream(entry, digest)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = 0;
                byte[] scratch = new byte[8192];
                while (skipped < n) {
                    int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                    if (r < 0) {
                        break;
                    }
                    skipped += r;
                }
                return skipped;
            }

            @Override
            public void close() {
                // the ZIP entry stays open for the next entry
            }
        };
        OptionalLong duration = OptionalLong.empty();
        if (cameraVideo) {
            try {
                duration = Mp4Duration.read(counted);
            } catch (IOException e) {
                duration = OptionalLong.empty(); // a damaged file: its hash says so
            }
        }
        counted.transferTo(OutputStream.nullOutputStream());
        return new FileFacts(digest.digest(), count[0], duration);
    }

    private record SignatureCheck(X509Certificate signer, Instant stampedAt, X509Certificate tsa) {
    }

    private static SignatureCheck checkSignature(byte[] manifest, byte[] p7s, X509Certificate trusted, List<Finding> findings) {
        if (p7s == null) {
            findings.add(new Finding(Problem.SIGNATURE_MISSING, ExportManifest.SIGNATURE, "the manifest is not signed"));
            return new SignatureCheck(null, null, null);
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        X509Certificate signerCert = null;
        SignerInformation signer;
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(manifest), p7s);
            signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder holder = (X509CertificateHolder) cms.getCertificates().getMatches(signer.getSID())
                    .iterator().next();
            signerCert = converter.getCertificate(holder);
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))) {
                findings.add(new Finding(Problem.SIGNATURE_INVALID, ExportManifest.SIGNATURE,
                        "the signature value does not verify with the signer's key: the signature file was altered"));
                return new SignatureCheck(signerCert, null, null);
            }
        } catch (CMSSignerDigestMismatchException e) {
            findings.add(new Finding(Problem.MANIFEST_ALTERED, ExportManifest.MANIFEST,
                    "its SHA-256 differs from the one the signature covers: the manifest was changed after signing"));
            return new SignatureCheck(signerCert, null, null);
        } catch (Exception e) {
            findings.add(new Finding(Problem.SIGNATURE_INVALID, ExportManifest.SIGNATURE,
                    "not a valid CMS signature: " + e.getMessage()));
            return new SignatureCheck(signerCert, null, null);
        }
        if (!issuedBy(signerCert, trusted)) {
            findings.add(new Finding(Problem.SIGNER_UNTRUSTED, ExportManifest.SIGNATURE, "signed by '"
                    + signerCert.getSubjectX500Principal().getName() + "', which is neither the given certificate nor issued by it ('"
                    + trusted.getSubjectX500Principal().getName() + "')"));
        }
        return checkTimeStamp(signer, signerCert, issuerOf(signerCert, trusted, p7s), findings);
    }

    private static SignatureCheck checkTimeStamp(SignerInformation signer, X509Certificate signerCert, X509Certificate trusted,
                                                 List<Finding> findings) {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute attribute = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            findings.add(new Finding(Problem.TIMESTAMP_MISSING, ExportManifest.SIGNATURE, "the signature carries no time-stamp"));
            return new SignatureCheck(signerCert, null, null);
        }
        try {
            TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
            @SuppressWarnings("unchecked")
            X509CertificateHolder holder = (X509CertificateHolder) token.getCertificates().getMatches(token.getSID())
                    .iterator().next();
            X509Certificate tsaCert = new JcaX509CertificateConverter().getCertificate(holder);
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(holder)); // signature, EKU, validity at genTime
            Instant stampedAt = token.getTimeStampInfo().getGenTime().toInstant();
            if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), ChainLink.sha256(signer.getSignature()))) {
                findings.add(new Finding(Problem.TIMESTAMP_INVALID, ExportManifest.SIGNATURE,
                        "the time-stamp was issued for another signature"));
            }
            if (!issuedBy(tsaCert, trusted)) {
                findings.add(new Finding(Problem.TIMESTAMP_INVALID, ExportManifest.SIGNATURE, "time-stamped by '"
                        + tsaCert.getSubjectX500Principal().getName() + "', which the given certificate did not issue"));
            }
            try {
                signerCert.checkValidity(Date.from(stampedAt));
            } catch (CertificateException e) {
                findings.add(new Finding(Problem.SIGNER_UNTRUSTED, ExportManifest.SIGNATURE,
                        "the signing certificate was not valid at " + stampedAt + ": " + e.getMessage()));
            }
            return new SignatureCheck(signerCert, stampedAt, tsaCert);
        } catch (Exception e) {
            findings.add(new Finding(Problem.TIMESTAMP_INVALID, ExportManifest.SIGNATURE,
                    "the time-stamp does not verify: " + e.getMessage()));
            return new SignatureCheck(signerCert, null, null);
        }
    }

    /**
     * When the investigator was given the signing certificate itself, the CA certificate carried in
     * the signature that verifies it is its real issuer (only that key made the trusted
     * certificate's signature); the time-stamp authority is checked against that CA.
     */
    private static X509Certificate issuerOf(X509Certificate signerCert, X509Certificate trusted, byte[] p7s) {
        if (!signerCert.equals(trusted)) {
            return trusted;
        }
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object holder : new CMSSignedData(p7s).getCertificates().getMatches(null)) {
                X509Certificate candidate = converter.getCertificate((X509CertificateHolder) holder);
                if (!candidate.equals(trusted) && candidate.getBasicConstraints() >= 0 && issuedBy(trusted, candidate)) {
                    return candidate;
                }
            }
        } catch (Exception e) {
            // no usable issuer in the signature: the time-stamp authority is then untrusted
        }
        return trusted;
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate trusted) {
        if (cert.equals(trusted)) {
            return true;
        }
        if (!cert.getIssuerX500Principal().equals(trusted.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(trusted.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void checkFiles(ExportManifest manifest, Map<String, FileFacts> files, List<Finding> findings) {
        Set<String> listed = new HashSet<>();
        for (ExportManifest.CameraExport camera : manifest.cameras()) {
            String who = "camera " + camera.cameraId() + " '" + camera.name() + "'";
            listed.add(camera.file());
            FileFacts video = files.get(camera.file());
            if (video == null) {
                findings.add(new Finding(Problem.FILE_MISSING, camera.file(), who + ": the playable video is missing"));
            } else if (!ChainLink.hex(video.sha256()).equals(camera.sha256())) {
                String length = video.durationMs().isPresent()
                        ? "; it now lasts " + seconds(video.durationMs().getAsLong()) + " where the manifest says "
                          + seconds(camera.durationMs()) + (video.durationMs().getAsLong() < camera.durationMs()
                          ? " (" + seconds(camera.durationMs() - video.durationMs().getAsLong()) + " missing)" : "")
                        : "; it is no longer a readable MP4";
                findings.add(new Finding(Problem.FILE_ALTERED, camera.file(), who + ": content differs from the signed hash ("
                        + video.bytes() + " bytes, " + camera.bytes() + " signed)" + length));
            }
            byte[] previousLink = null;
            long previousSeq = -1;
            for (ExportManifest.SegmentEntry segment : camera.segments()) {
                String range = segment.start() + " to " + segment.end();
                listed.add(segment.file());
                FileFacts original = files.get(segment.file());
                if (original == null) {
                    findings.add(new Finding(Problem.SEGMENT_MISSING, segment.file(), who + ": the recording from " + range
                            + " (segment " + segment.chainSeq() + ") is missing"));
                } else if (!ChainLink.hex(original.sha256()).equals(segment.fileSha256())) {
                    findings.add(new Finding(Problem.SEGMENT_ALTERED, segment.file(), who + ": the recording from " + range
                            + " (segment " + segment.chainSeq() + ") differs from its hash "
                            + (segment.maskedSha256() != null ? "in the manifest (served with privacy masks burned in)"
                            : segment.soundRemovedSha256() != null ? "in the manifest (served without sound)" : "in the chain")));
                }
                byte[] link = ChainLink.hash(ChainLink.unhex(segment.previousChainHash()), camera.cameraId(), segment.chainSeq(),
                        segment.start(), segment.end(), ChainLink.unhex(segment.sha256()));
                boolean linked = previousLink == null || segment.chainSeq() != previousSeq + 1
                        || Arrays.equals(previousLink, ChainLink.unhex(segment.previousChainHash()));
                if (!ChainLink.hex(link).equals(segment.chainHash()) || !linked) {
                    findings.add(new Finding(Problem.CHAIN_BROKEN, segment.file(), who + ": segment " + segment.chainSeq()
                            + " (" + range + ") is not the chain link the manifest says"));
                }
                previousLink = ChainLink.unhex(segment.chainHash());
                previousSeq = segment.chainSeq();
            }
        }
        for (String name : files.keySet()) {
            if (!listed.contains(name)) {
                findings.add(new Finding(Problem.UNLISTED_FILE, name, "not part of the signed export"));
            }
        }
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
