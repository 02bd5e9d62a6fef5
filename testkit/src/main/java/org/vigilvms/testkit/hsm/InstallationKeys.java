package org.vigilvms.testkit.hsm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.vigilvms.setup.SecretStore;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.setup.TokenKeys;
import org.vigilvms.setup.VigilHome;

/**
 * Where an installation's keys are, seen from outside the server: its PKCS#11 token, opened
 * through a provider of the test's own, and the key store files of its folder that hold a
 * private or secret key.
 */
public final class InstallationKeys {

    private InstallationKeys() {
    }

    /** The installation's token as a key store (a new login, so it shows what the token holds now). */
    public static KeyStore token(VigilHome home) {
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure(home.pkcs11Config().toString());
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, ServerSetup.openSecrets(home).require(TokenKeys.PIN_ALIAS).toCharArray());
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the token of " + home.root() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The labels of what the token holds. */
    public static List<String> labels(KeyStore token) {
        try {
            return Collections.list(token.aliases());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The installation's key store files (every {@code .p12} in its folder) that hold a private or secret key. */
    public static List<Path> keyStoresWithKeys(VigilHome home) {
        SecretStore secrets = ServerSetup.openSecrets(home);
        List<Path> withKeys = new ArrayList<>();
        try (Stream<Path> all = Files.walk(home.root())) {
            for (Path file : all.filter(p -> p.getFileName().toString().endsWith(".p12")).sorted().toList()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, passwordOf(home, secrets, file).toCharArray());
                }
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias)) {
                        withKeys.add(file);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return withKeys;
    }

    private static String passwordOf(VigilHome home, SecretStore secrets, Path file) {
        return file.equals(home.oidcTrustStore()) ? ServerSetup.oidcTrustStorePassword(home) : secrets.require(passwordAlias(file));
    }

    private static String passwordAlias(Path file) {
        return switch (file.getFileName().toString()) {
            case "ca.p12" -> ServerSetup.CA_KEYSTORE;
            case "signing.p12" -> ServerSetup.SIGNING_KEYSTORE;
            case "server.p12" -> ServerSetup.TLS_KEYSTORE;
            case "truststore.p12" -> ServerSetup.TLS_TRUSTSTORE;
            case "ldap-truststore.p12" -> ServerSetup.LDAP_TRUSTSTORE;
            case "siem-truststore.p12" -> ServerSetup.SIEM_TRUSTSTORE;
            default -> throw new IllegalStateException("a key store nobody knows the password of: " + file);
        };
    }
}
