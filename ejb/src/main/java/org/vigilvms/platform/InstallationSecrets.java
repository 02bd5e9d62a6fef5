package org.vigilvms.platform;

import java.nio.file.Path;
import java.security.Provider;
import java.util.Map;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.credential.store.impl.KeyStoreCredentialStore;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * Reads one secret from the installation's Elytron credential store (the file and its password
 * named by {@code vigil.credstore.file} / {@code vigil.credstore.password}): key store
 * passwords, the directory's bind password. Nothing is cached here.
 */
public final class InstallationSecrets {

    private InstallationSecrets() {
    }

    public static char[] read(String alias) {
        return read(Path.of(required("vigil.credstore.file")), required("vigil.credstore.password").toCharArray(), alias);
    }

    static char[] read(Path credentialStoreFile, char[] credentialStorePassword, String alias) {
        try {
            CredentialStore store = CredentialStore.getInstance(KeyStoreCredentialStore.KEY_STORE_CREDENTIAL_STORE,
                    WildFlyElytronCredentialStoreProvider.getInstance());
            store.initialize(Map.of("location", credentialStoreFile.toString(), "create", "false",
                            "modifiable", "false", "keyStoreType", "PKCS12"),
                    new CredentialStore.CredentialSourceProtectionParameter(IdentityCredentials.NONE.withCredential(
                            new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, credentialStorePassword)))),
                    new Provider[] {WildFlyElytronCredentialStoreProvider.getInstance(), WildFlyElytronPasswordProvider.getInstance()});
            PasswordCredential credential = store.retrieve(alias, PasswordCredential.class);
            if (credential == null) {
                throw new IllegalStateException("the credential store holds no secret '" + alias + "' (run the setup again)");
            }
            return credential.getPassword(ClearPassword.class).getPassword();
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read '" + alias + "' from the credential store: " + e.getMessage(), e);
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (wildfly-config 05-system.cli)");
        }
        return value;
    }
}
