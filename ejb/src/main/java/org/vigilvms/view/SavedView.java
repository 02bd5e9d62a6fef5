package org.vigilvms.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A user's live view: tiles per side and the camera of each tile (0: empty tile), and the
 * directory group it is shared with, if any.
 */
@Entity
@Table(name = "saved_view")
public class SavedView {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private short layout;

    @Column(name = "camera_ids", nullable = false, length = 512)
    private String cameraIds;

    @Column(name = "saved_ts", nullable = false)
    private Instant savedTs;

    @Column(name = "shared_with")
    private String sharedWith;

    protected SavedView() {
    }

    SavedView(String owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    void set(int layout, List<Long> cameras, String sharedWith, Instant now) {
        this.sharedWith = sharedWith;
        this.layout = (short) layout;
        this.cameraIds = cameras.stream().map(String::valueOf).collect(Collectors.joining(","));
        this.savedTs = now;
    }

    public Long getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public String getName() {
        return name;
    }

    public int getLayout() {
        return layout;
    }

    public List<Long> cameras() {
        return cameraIds.isEmpty() ? List.of() : Arrays.stream(cameraIds.split(",")).map(Long::valueOf).toList();
    }

    /** The group whose members may open it; null: its owner only. */
    public String getSharedWith() {
        return sharedWith;
    }

    public Instant getSavedTs() {
        return savedTs;
    }
}
