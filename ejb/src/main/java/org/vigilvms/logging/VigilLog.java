package org.vigilvms.logging;

import java.nio.file.Path;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * Vigil's server log messages, each with a stable id (VIGIL#####) that operators and a SIEM can
 * match on. Ranges: 1xx platform, 2xx messaging, 3xx security, 4xx cameras and recording.
 */
@MessageLogger(projectCode = "VIGIL", length = 5)
public interface VigilLog extends BasicLogger {

    VigilLog LOG = Logger.getMessageLogger(VigilLog.class, "org.vigilvms");

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 100, value = "Database schema migrated: %d migration(s) applied, now at version %s")
    void schemaMigrated(int applied, String version);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 101, value = "Database schema at version %s checked; the management node migrates it, this node (roles %s) does not")
    void schemaChecked(String version, String roles);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 200, value = "Signing key of producer %s registered (%s)")
    void producerKeyRegistered(String producer, String fingerprint);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 201, value = "Rejected message on %s claiming producer %s: %s (%s)")
    void messageRejected(String destination, String claimedProducer, String reason, String detail);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 202, value = "Cannot send %s as %s")
    void sendFailed(String type, String producer, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 203, value = "A drain of %d message(s) from %s failed and was rolled back (%s): the messages are taken one at a time for a while")
    void drainFailed(int most, String destination, String reason);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 400, value = "Camera '%s' presents another certificate (SHA-256 %s) than the approved one: not recording")
    void certificateMismatch(String camera, String fingerprint);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 300, value = "First start: created administrator '%s' with a generated one-time password, readable "
            + "only by the server's user in %s (never logged; it must be changed at first login, which deletes the file)")
    void firstAdminGenerated(String username, Path passwordFile);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 301, value = "First start: created administrator '%s' from the launcher's one-time bootstrap file")
    void firstAdminFromBootstrap(String username);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 410, value = "Recovery: unfinished segment %s of camera %d kept up to its last complete fragment "
            + "(%d frames, %d ms) and sent for sealing")
    void partialSegmentRecovered(String file, long cameraId, int frames, long durationMs);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 411, value = "Recovery: unfinished segment %s of camera %d held no complete fragment: discarded")
    void partialSegmentDiscarded(String file, long cameraId);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 412, value = "Recovery: finished segment %s of camera %d sent for sealing again")
    void completeSegmentResent(String file, long cameraId);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 413, value = "Segment %s of camera %d starting at %s was already sealed: spool copy removed")
    void segmentAlreadySealed(String file, long cameraId, String start);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 414, value = "Recovery: %s in the recorder spool is not a segment of this recorder: left alone")
    void foreignSpoolFile(String file);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 415, value = "Recorder spool recovered: %d finished, %d partial kept, %d partial discarded")
    void spoolRecovered(int complete, int recovered, int discarded);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 416, value = "Spool sweep: finished segment %s of camera %d was still unsealed after %d s: sent for sealing again")
    void staleSegmentResent(String file, long cameraId, long ageSeconds);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 417, value = "Camera %d sends audio in %s, which MP4 segments cannot hold and FFmpeg cannot decode: recording its video only")
    void audioNotKept(long cameraId, String codec);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 432, value = "Camera %d: its SDP describes pictures of %s, but it sends %s: recorded as its pictures describe themselves (the camera's SDP lags its configuration)")
    void staleDescription(long cameraId, String described, String sent);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 418, value = "Camera %d: its clock drifted %+d ms from the server's in the %d s since it connected (positive: it runs slow); recording times are corrected gradually (correction now %+d ms)")
    void cameraClockDrift(long cameraId, long driftMs, long seconds, long correctionMs);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 419, value = "Camera %d sends audio in %s, which MP4 segments cannot hold: it is recorded re-encoded to AAC")
    void audioReencoded(long cameraId, String codec);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 420, value = "Storage volume %s failed and is taken out of service: %s")
    void volumeFailed(String volume, String reason);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 421, value = "No storage volume can take a segment of camera %d: it stays in the spool and is retried")
    void noVolume(long cameraId);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 422, value = "Segment %s of camera %d was not sealed (%s): it stays in the spool, and the spool sweep sends it again")
    void segmentNotSealed(String file, long cameraId, String reason);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 423, value = "The master key was rotated in the database, but %s could not replace the old key file (%s): "
            + "the server opens with both keys; rotate again to finish")
    void masterKeyFileNotReplaced(String nextFile, String reason);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 424, value = "The master key was rotated in the database, but the old key %s could not be deleted from the "
            + "PKCS#11 token (%s): the server opens with both keys; rotate again to finish")
    void oldMasterKeyNotDeleted(String label, String reason);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 425, value = "Camera %d changes recorder node: %s")
    void cameraOwnerMoved(long cameraId, String detail);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 430, value = "Camera secrets are not sealed for node %s: its published sealing certificate is refused (%s); "
            + "its cameras wait until the node is set up again from the installation")
    void sealCertificateRefused(String node, String reason);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 431, value = "Camera %d's password and data key sealed for node %s")
    void cameraSealed(long cameraId, String node);

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 426, value = "Segment %s of camera %d was recorded by %s under ownership epoch %d, but the camera belongs "
            + "to %s under epoch %d: not added to the chain, kept aside in %s")
    void segmentKeptAside(String file, long cameraId, String node, long epoch, String owner, long ownerEpoch, String keptAside);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 427, value = "Signing key of producer %s (%s) waits for an administrator's approval (Devices page, or "
            + "POST /api/v1/node-keys/requests/{producer}/approve); until then it verifies nothing")
    void producerKeyAwaitsApproval(String producer, String fingerprint);

    @LogMessage(level = Logger.Level.WARN)
    @Message(id = 428, value = "Signing key of producer %s (%s) was revoked: a new key (%s) was made in its place")
    void producerKeyRevokedReplaced(String producer, String revokedFingerprint, String newFingerprint);

    @LogMessage(level = Logger.Level.INFO)
    @Message(id = 429, value = "Node %s runs the roles %s")
    void nodeRoles(String node, String roles);
}
