-- Issue 18: a camera moved away from a node that is alive is handed over, not cut off: the node
-- that loses it may still add the segment it was recording at the move, if that segment ends
-- before handover_until and nobody else has extended the chain since. A move away from a node
-- whose lease ran out (dead, frozen, cut off) leaves it null: that node adds nothing more.
ALTER TABLE camera_owner ADD COLUMN handover_until timestamptz;
COMMENT ON COLUMN camera_owner.handover_until IS
    'Until when the previous owner may end the segment it was recording at the move (UTC); null: no handover, the previous owner was not alive.';
