-- Live views saved by operators: a layout and which camera each tile shows, per user.
CREATE TABLE saved_view (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner       varchar(255)  NOT NULL,
    name        varchar(100)  NOT NULL,
    layout      smallint      NOT NULL CHECK (layout BETWEEN 1 AND 4),
    camera_ids  varchar(512)  NOT NULL,
    saved_ts    timestamptz   NOT NULL,
    CONSTRAINT saved_view_owner_name UNIQUE (owner, name)
);
COMMENT ON TABLE saved_view IS 'A user''s live view: layout (tiles per side) and camera per tile (comma-separated ids, 0 = empty tile).';
