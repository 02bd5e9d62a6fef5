package org.vigilvms.testkit.camera;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/** Presents the camera's own key, or the other or the expired one while that fault is switched on. */
final class CameraKeyManager extends X509ExtendedKeyManager {

    static final String OWN = "own";
    static final String OTHER = "other";
    static final String EXPIRED = "expired";

    private final X509KeyManager delegate;
    private final Faults faults;

    CameraKeyManager(KeyStore keys, Faults faults) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(keys, VirtualCamera.KEY_PASSWORD);
            this.delegate = (X509KeyManager) factory.getKeyManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException("cannot load camera keys", e);
        }
        this.faults = faults;
    }

    private String alias() {
        if (faults.presentExpiredCertificate) {
            return EXPIRED;
        }
        return faults.presentOtherCertificate ? OTHER : OWN;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {alias()};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
