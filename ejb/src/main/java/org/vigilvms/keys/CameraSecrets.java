package org.vigilvms.keys;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigilvms.platform.NodeName;

/**
 * What this node records a camera with, its password and data key: opened with the master key on
 * a node that holds it, or from the seals made for this node alone ({@code camera_seal}, see
 * {@link NodeSeal}) on a recorder node that holds a sealing key instead ({@link NodeSealKey}). On
 * such a node a camera that has no seal for it cannot be recorded or sealed here.
 */
@PermitAll // internal service: callers are the recorder and the storage consumer
@Stateless
public class CameraSecrets {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private NodeName node;

    /** One camera's secrets as this node opens them. */
    public interface Opener {
        /** Whether this node may open the camera's secrets. */
        boolean has(long cameraId);

        /** The password (null: none); {@code masterSealed} is the camera's own column. */
        String password(long cameraId, byte[] masterSealed);
    }

    /** Opens passwords of the cameras this node may record; the seals are read once, here. */
    public Opener opener() {
        Optional<NodeSealKey> own = NodeSealKey.ofThisNode();
        if (own.isEmpty()) {
            KeyVault vault = KeyVault.fromSystemProperty();
            return new Opener() {
                @Override
                public boolean has(long cameraId) {
                    return true;
                }

                @Override
                public String password(long cameraId, byte[] masterSealed) {
                    return masterSealed == null ? null
                            : new String(vault.openWithMaster(masterSealed, CameraKeys.passwordAad(cameraId)), StandardCharsets.UTF_8);
                }
            };
        }
        Map<Long, byte[]> passwords = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT camera_id, password_sealed FROM camera_seal WHERE node = ?1")
                .setParameter(1, node.value()).getResultList();
        rows.forEach(r -> passwords.put(((Number) r[0]).longValue(), (byte[]) r[1]));
        return new Opener() {
            @Override
            public boolean has(long cameraId) {
                return passwords.containsKey(cameraId);
            }

            @Override
            public String password(long cameraId, byte[] masterSealed) {
                byte[] sealed = passwords.get(cameraId);
                return sealed == null ? null : new String(own.get().open(sealed, CameraKeys.sealedPasswordAad(cameraId, node.value())),
                        StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * The camera's data key; {@code masterWrapped} is the camera's own column. On a node with a
     * sealing key and no seal for the camera: {@link IllegalStateException} (the batch waits).
     */
    public byte[] dataKey(long cameraId, byte[] masterWrapped) {
        Optional<NodeSealKey> own = NodeSealKey.ofThisNode();
        if (own.isEmpty()) {
            return KeyVault.fromSystemProperty().openWithMaster(masterWrapped, CameraKeys.dataKeyAad(cameraId));
        }
        @SuppressWarnings("unchecked")
        List<byte[]> sealed = em.createNativeQuery("SELECT data_key_sealed FROM camera_seal WHERE camera_id = ?1 AND node = ?2")
                .setParameter(1, cameraId).setParameter(2, node.value()).getResultList();
        if (sealed.isEmpty()) {
            throw new IllegalStateException("camera " + cameraId + "'s data key is not sealed for node " + node.value());
        }
        return own.get().open(sealed.get(0), CameraKeys.sealedDataKeyAad(cameraId, node.value()));
    }
}
