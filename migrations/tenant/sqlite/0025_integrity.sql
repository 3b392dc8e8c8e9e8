-- The integrity check (issue 17, domain::governance::integrity).
--
-- integrity_runs: each check a member or the platform operator ran, its progress written after
-- each rule (so that its page shows it from any server process, and one whose server stopped
-- is seen as interrupted) and its report kept as JSON. One runs at a time.
CREATE TABLE integrity_runs (
    id              TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    status          TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    -- a member's id; NULL for the platform operator's command line
    started_by      TEXT CHECK (started_by IS NULL OR length(started_by) BETWEEN 1 AND 64),
    started_at_ms   BIGINT NOT NULL,
    heartbeat_ms    BIGINT NOT NULL,
    finished_at_ms  BIGINT,
    rules_done      BIGINT NOT NULL DEFAULT 0 CHECK (rules_done >= 0),
    current_rule    TEXT CHECK (current_rule IS NULL OR length(current_rule) BETWEEN 1 AND 40),
    violations      BIGINT NOT NULL DEFAULT 0 CHECK (violations >= 0),
    report          TEXT,
    error           TEXT CHECK (error IS NULL OR length(error) BETWEEN 1 AND 200),
    CHECK ((status = 'running') = (finished_at_ms IS NULL)),
    CHECK (status <> 'done' OR report IS NOT NULL)
);
CREATE INDEX integrity_runs_by_start ON integrity_runs (started_at_ms);
CREATE UNIQUE INDEX integrity_runs_one_running ON integrity_runs (status) WHERE status = 'running';

-- What a time entry was when it was approved, copied by the database itself the moment it is
-- approved (or written approved, as imports and the demo do): the check compares each approved
-- or invoiced entry with it, so an entry changed after approval behind the triggers' back is
-- found. A seal is never changed or deleted.
CREATE TABLE time_entry_seals (
    entry_id        TEXT PRIMARY KEY REFERENCES time_entries (id) ON DELETE RESTRICT,
    mission_id      TEXT NOT NULL,
    technician_id   TEXT NOT NULL,
    work_date       TEXT NOT NULL,
    started_at      BIGINT,
    ended_at        BIGINT,
    break_minutes   BIGINT NOT NULL,
    minutes         BIGINT NOT NULL,
    note            TEXT,
    approved_by     TEXT NOT NULL,
    approved_at     BIGINT NOT NULL
);

INSERT INTO time_entry_seals (entry_id, mission_id, technician_id, work_date, started_at, ended_at,
                              break_minutes, minutes, note, approved_by, approved_at)
SELECT id, mission_id, technician_id, work_date, started_at, ended_at, break_minutes, minutes, note,
       approved_by, approved_at
  FROM time_entries WHERE status IN ('approved', 'invoiced');

CREATE TRIGGER time_entries_sealed_on_approval AFTER UPDATE OF status ON time_entries
WHEN NEW.status = 'approved' AND OLD.status <> 'approved'
BEGIN
    INSERT INTO time_entry_seals (entry_id, mission_id, technician_id, work_date, started_at, ended_at,
                                  break_minutes, minutes, note, approved_by, approved_at)
    VALUES (NEW.id, NEW.mission_id, NEW.technician_id, NEW.work_date, NEW.started_at, NEW.ended_at,
            NEW.break_minutes, NEW.minutes, NEW.note, NEW.approved_by, NEW.approved_at);
END;

CREATE TRIGGER time_entries_sealed_when_born_approved AFTER INSERT ON time_entries
WHEN NEW.status IN ('approved', 'invoiced')
BEGIN
    INSERT INTO time_entry_seals (entry_id, mission_id, technician_id, work_date, started_at, ended_at,
                                  break_minutes, minutes, note, approved_by, approved_at)
    VALUES (NEW.id, NEW.mission_id, NEW.technician_id, NEW.work_date, NEW.started_at, NEW.ended_at,
            NEW.break_minutes, NEW.minutes, NEW.note, NEW.approved_by, NEW.approved_at);
END;

CREATE TRIGGER time_entry_seals_never_changed BEFORE UPDATE ON time_entry_seals
BEGIN
    SELECT RAISE(ABORT, 'time-entry-locked: an approved entry''s seal is kept as it is');
END;

CREATE TRIGGER time_entry_seals_never_deleted BEFORE DELETE ON time_entry_seals
BEGIN
    SELECT RAISE(ABORT, 'time-entry-locked: an approved entry''s seal is kept as it is');
END;

-- A seal is taken once: INSERT OR REPLACE would delete the first without a delete trigger.
CREATE TRIGGER time_entry_seals_never_replaced BEFORE INSERT ON time_entry_seals
WHEN EXISTS (SELECT 1 FROM time_entry_seals WHERE entry_id = NEW.entry_id)
BEGIN
    SELECT RAISE(ABORT, 'time-entry-locked: an approved entry''s seal is kept as it is');
END;
