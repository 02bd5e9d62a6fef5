-- A saved live view can be shared with one directory group its owner belongs to (issue #19 item 4):
-- the group's members open it, each seeing only the cameras they may watch; only the owner changes
-- or deletes it.

ALTER TABLE saved_view ADD COLUMN shared_with varchar(255);
CREATE INDEX saved_view_shared ON saved_view (shared_with) WHERE shared_with IS NOT NULL;
COMMENT ON COLUMN saved_view.shared_with IS 'The directory group whose members may open the view (null: its owner only).';
