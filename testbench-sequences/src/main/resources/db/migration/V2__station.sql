-- The station that recorded a run: the bench (a PC with its positions) named in its bench.yaml, or its host
-- name. Several benches of a lab record into one database, and QA tells their runs apart by it.
-- A run recorded before version 2 takes the host name of the store session that recorded it: what
-- version 1 knew of where it ran.
ALTER TABLE run ADD COLUMN station VARCHAR(255);
UPDATE run SET station = (SELECT s.host FROM store_session s WHERE s.id = run.session_id);
ALTER TABLE run ALTER COLUMN station SET NOT NULL;
CREATE INDEX run_station ON run (station, started_at);
