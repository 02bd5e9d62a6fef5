package org.vigilvms.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/** What an attacker does to an export, for the tests that prove the verifier notices. */
public final class ExportTampering {

    private ExportTampering() {
    }

    /** A copy of the ZIP with entries changed (a change returning null removes it), added when not present. */
    public static Path rewrite(Path zip, Path target, Map<String, UnaryOperator<byte[]>> changes) throws IOException {
        Map<String, UnaryOperator<byte[]>> pending = new LinkedHashMap<>(changes);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                UnaryOperator<byte[]> change = pending.remove(entry.getName());
                byte[] changed = change == null ? data : change.apply(data);
                if (changed != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(changed);
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, UnaryOperator<byte[]>> added : pending.entrySet()) {
                out.putNextEntry(new ZipEntry(added.getKey()));
                out.write(added.getValue().apply(null));
                out.closeEntry();
            }
        }
        return target;
    }

    /** Flips one bit of the byte at {@code index} (negative: from the end). */
    public static UnaryOperator<byte[]> flipAt(int index) {
        return bytes -> {
            byte[] copy = bytes.clone();
            int i = index < 0 ? copy.length + index : index;
            copy[i] ^= 0x01;
            return copy;
        };
    }

    /** Flips one bit in the middle of the signature value inside a manifest.json.p7s. */
    public static byte[] flipSignatureValue(byte[] p7s) {
        try {
            byte[] value = new CMSSignedData(p7s).getSignerInfos().getSigners().iterator().next().getSignature();
            byte[] copy = p7s.clone();
            for (int i = 0; i + value.length <= copy.length; i++) {
                if (Arrays.equals(copy, i, i + value.length, value, 0, value.length)) {
                    copy[i + value.length / 2] ^= 0x01;
                    return copy;
                }
            }
            throw new IllegalStateException("signature value not found");
        } catch (CMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One entry's bytes. */
    public static byte[] read(Path zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException(name + " is not in " + zip);
    }
}
