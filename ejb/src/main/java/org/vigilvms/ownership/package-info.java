/**
 * Which recorder node records which camera (issue 18, X.1453 storage servers): one owner per
 * camera at a time under an epoch that grows at every change ({@code OwnerBook},
 * {@code camera_owner}); recorder nodes alive while they renew a lease ({@code recorder_node});
 * a recorder claims the cameras nobody owns, and the management server moves the cameras of a
 * node that is gone, or above its share, to the nodes with the fewest ({@code CameraOwnership},
 * the pure {@code OwnershipPlan}); a camera its administrator pinned to a node
 * ({@code camera.recorder_pin}) goes to that node alone, alive or not. Only a node whose recorder
 * and storage keys are approved takes cameras. The storage service seals a segment only when it was recorded
 * under the camera's current owner and epoch, or is the last one of the node that handed the
 * camera over alive ({@code ChainFence}); others are kept aside ({@code storage.SegmentStore}).
 * A node that publishes a sealing certificate with its lease gets the password and data key of
 * each camera it owns sealed for its key by the management node ({@code CameraSeals}).
 */
package org.vigilvms.ownership;
