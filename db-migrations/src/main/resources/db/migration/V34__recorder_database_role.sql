-- Issue 18, least privilege between roles: a node that runs the recorder role without the
-- management role connects as the database role vigil_recorder, which may do what recording
-- needs and nothing else. It reads no user, right, second factor, session or approval, and
-- cannot write the audit trail or its chain heads; it cannot delete or rewrite a sealed segment,
-- change a signing key or move a camera. The role is made by whoever administers PostgreSQL (the
-- run command's embedded database makes it) or, if the owner may create roles, here, without a
-- password: it signs in once one is set.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_recorder') THEN
        IF NOT (SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION 'the database role vigil_recorder is missing and % may not create it: '
                'CREATE ROLE vigil_recorder LOGIN PASSWORD ''...'' as a database administrator (docs/operations.md)', current_user;
        END IF;
        CREATE ROLE vigil_recorder NOLOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO vigil_recorder', current_schema());
END $$;

-- what the schema is, so a recorder node checks it was migrated (it never migrates)
GRANT SELECT ON flyway_schema_history TO vigil_recorder;
-- the cameras to record (their addresses, sealed credentials and data keys) and the CAs their certificates may come from
GRANT SELECT ON camera, trusted_camera_ca TO vigil_recorder;
-- its lease, and the cameras nobody owns, which it claims
GRANT SELECT, INSERT, UPDATE ON recorder_node TO vigil_recorder;
GRANT SELECT, INSERT ON camera_owner TO vigil_recorder;
-- the segment index and chain: extended, never changed or shortened
GRANT SELECT, INSERT ON segment TO vigil_recorder;
-- its volumes' fill level and state
GRANT SELECT ON storage_volume TO vigil_recorder;
GRANT UPDATE (used_bytes, state, state_reason, state_since_ts) ON storage_volume TO vigil_recorder;
-- the keys messages are checked with, its own keys' requests for approval, the replay guard
GRANT SELECT ON service_key TO vigil_recorder;
GRANT SELECT, INSERT, UPDATE ON producer_key_request TO vigil_recorder;
GRANT SELECT, INSERT, DELETE ON jms_delivery TO vigil_recorder;
-- its health: its broker check reads the heartbeat the management node received from it, its
-- health history is added to (the management node removes old entries)
GRANT SELECT ON service_heartbeat TO vigil_recorder;
GRANT SELECT, INSERT ON health_change TO vigil_recorder;
GRANT USAGE ON SEQUENCE health_change_id_seq TO vigil_recorder;

-- The sealing locks the rows of the cameras it extends, as a move does, so the two exclude each
-- other. A row lock needs the right to update the row; this function takes the lock for the
-- caller without giving that right.
CREATE FUNCTION lock_cameras(ids bigint[]) RETURNS SETOF bigint
    LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT id FROM camera WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE
$$;
REVOKE EXECUTE ON FUNCTION lock_cameras(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lock_cameras(bigint[]) TO vigil_recorder;

-- A recorder node reports what it must audit (a segment kept aside, a rejected message, its keys'
-- requests) through this function only: the row is appended like any other and sealed into the
-- chain by the management node, and says which database role reported it, so a recorder can
-- neither rewrite the trail nor write an entry that passes for another node's.
CREATE FUNCTION report_audit(p_actor varchar, p_action varchar, p_target varchar, p_outcome varchar, p_detail text)
    RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    INSERT INTO audit_event (event_ts, actor, action, target, outcome, detail)
    VALUES (now(), p_actor, p_action, p_target, p_outcome,
            coalesce(p_detail || ' ', '') || '[reported by database role ' || session_user || ']')
    RETURNING id
$$;
REVOKE EXECUTE ON FUNCTION report_audit(varchar, varchar, varchar, varchar, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION report_audit(varchar, varchar, varchar, varchar, text) TO vigil_recorder;
