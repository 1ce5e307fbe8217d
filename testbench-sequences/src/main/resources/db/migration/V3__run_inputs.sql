-- The inputs a run used, kept so that its evidence bundle can carry them years later: the MDMS's OpenAPI
-- document, the binding and each distinct meter profile. Contents are addressed by their SHA-256 and kept
-- once, however many runs and positions use them. Kept as text (the files are UTF-8 YAML or JSON, read as
-- such); a file that is not, or that holds a protected secret, is listed with the reason it was not kept.
-- A run recorded before version 3 has no rows here: its bundle says so.
CREATE TABLE input_content (
    sha256  CHAR(64) PRIMARY KEY,
    content TEXT NOT NULL
);

CREATE TABLE run_input (
    run_id         UUID NOT NULL REFERENCES run (id),
    input_no       INTEGER NOT NULL,
    kind           VARCHAR(20) NOT NULL,
    file_name      VARCHAR(1000) NOT NULL,
    sha256         CHAR(64) NOT NULL,
    content_sha256 CHAR(64) REFERENCES input_content (sha256),
    withheld       VARCHAR(500),
    PRIMARY KEY (run_id, input_no),
    CONSTRAINT run_input_kind CHECK (kind IN ('OPENAPI', 'BINDING', 'METER_PROFILE')),
    CONSTRAINT run_input_kept CHECK ((content_sha256 IS NULL) <> (withheld IS NULL)),
    CONSTRAINT run_input_content CHECK (content_sha256 IS NULL OR content_sha256 = sha256),
    CONSTRAINT run_input_once UNIQUE (run_id, kind, sha256)
);
CREATE INDEX run_input_content_sha256 ON run_input (content_sha256);
