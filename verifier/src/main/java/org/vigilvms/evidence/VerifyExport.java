package org.vigilvms.evidence;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The investigators' command: {@code java -jar vigil-verifier-standalone.jar EXPORT --issuer CERT
 * [--password-file FILE]}. Prints VALID or every finding; exit status 0 valid, 1 findings, 2 the
 * check could not be made (bad arguments, unreadable certificate).
 */
public final class VerifyExport {

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path export = null;
        Path issuer = null;
        char[] password = System.getenv("VIGIL_EXPORT_PASSWORD") == null ? null
                : System.getenv("VIGIL_EXPORT_PASSWORD").toCharArray();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--issuer" -> issuer = Path.of(args[++i]);
                    case "--password-file" -> password = Files.readString(Path.of(args[++i])).strip().toCharArray();
                    case "--help", "-h" -> {
                        usage(out);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--") || export != null) {
                            throw new IllegalArgumentException("unknown argument " + args[i]);
                        }
                        export = Path.of(args[i]);
                    }
                }
            }
            if (export == null || issuer == null) {
                throw new IllegalArgumentException("an export and --issuer are required");
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException | IOException e) {
            err.println("error: " + (e instanceof ArrayIndexOutOfBoundsException ? "a value is missing" : e.getMessage()));
            usage(err);
            return 2;
        }
        try {
            X509Certificate trusted = certificate(issuer);
            ExportVerifier.Report report = ExportVerifier.verify(export, trusted, password);
            Console console = System.console();
            if (password == null && console != null && report.findings().stream()
                    .anyMatch(f -> f.problem() == ExportVerifier.Problem.WRONG_PASSWORD)) {
                password = console.readPassword("Export password: ");
                report = ExportVerifier.verify(export, trusted, password);
            }
            print(export, trusted, report, out);
            return report.valid() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot check " + export + ": " + e.getMessage());
            return 2;
        }
    }

    private static X509Certificate certificate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(file + " is not an X.509 certificate (PEM or DER): " + e.getMessage(), e);
        }
    }

    private static void print(Path export, X509Certificate trusted, ExportVerifier.Report report, PrintStream out) {
        out.println("Vigil VMS evidence verifier " + version());
        out.println("Export:       " + export);
        out.println("Checked with: " + trusted.getSubjectX500Principal().getName() + " (SHA-256 "
                + ChainLink.hex(sha256(trusted)) + ")");
        ExportManifest m = report.manifest();
        if (m != null) {
            out.println("Made:         " + m.createdAt() + " by " + m.exporter()
                    + (m.approver() == null ? "" : ", approved by " + m.approver()) + " with " + m.software());
            out.println("Case:         " + (m.caseNumber() == null ? "-" : m.caseNumber())
                    + "; reason: " + (m.reason() == null ? "-" : m.reason()));
            out.println("Range:        " + m.from() + " to " + m.to());
        }
        if (report.signer() != null) {
            out.println("Signed by:    " + report.signer().getSubjectX500Principal().getName());
        }
        if (report.stampedAt() != null) {
            out.println("Time-stamped: " + report.stampedAt() + " by " + report.timeStampAuthority().getSubjectX500Principal().getName());
        }
        if (m != null) {
            for (ExportManifest.CameraExport c : m.cameras()) {
                out.println("Camera " + c.cameraId() + " '" + c.name() + "': " + c.file() + ", "
                        + ExportVerifier.seconds(c.durationMs()) + ", " + c.segments().size() + " original segments"
                        + (c.segments().stream().anyMatch(s -> s.soundRemovedSha256() != null)
                        ? " (pictures only: the server took the sound out; the exporter could not listen)" : "")
                        + (c.segments().stream().anyMatch(s -> s.maskedSha256() != null)
                        ? " (privacy masks burned in by the server; the exporter could not see through them)" : ""));
                c.gaps().forEach(g -> out.println("  no recording from " + g.from() + " to " + g.to()));
            }
        }
        if (report.valid()) {
            out.println("Result:       VALID");
        } else {
            out.println("Result:       INVALID (" + report.findings().size() + " finding"
                    + (report.findings().size() == 1 ? "" : "s") + ")");
            report.findings().forEach(f -> out.println("  " + f));
        }
    }

    private static byte[] sha256(X509Certificate cert) {
        try {
            return ChainLink.sha256(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            return new byte[0];
        }
    }

    private static String version() {
        String v = VerifyExport.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar vigil-verifier-standalone.jar EXPORT --issuer CERTIFICATE [--password-file FILE]");
        out.println("  EXPORT       the .zip (or encrypted .p7m) file the Vigil VMS console or API produced");
        out.println("  CERTIFICATE  the issuing installation's CA certificate (ca.pem) or signing certificate, PEM or DER");
        out.println("  FILE         holds the export password (or set VIGIL_EXPORT_PASSWORD; asked for when at a terminal)");
        out.println("exit status: 0 VALID, 1 findings, 2 the check could not be made");
    }
}
