-- Missions and timesheets (domain::mission, domain::timesheet).
--
-- A mission's state follows its history: the only way to change it is to add a row to
-- mission_history naming the state it leaves and the one it enters. That row is accepted only
-- for a pair of mission_transitions and only from the mission's current state; the mission
-- then moves with it. An UPDATE of missions.state by hand, which no history row names, is
-- refused; invoiced and cancelled missions are not changed at all; nothing is deleted.
--
-- Time entries: approved and invoiced entries are locked (only approved → invoiced, naming
-- the invoice, is let through); an entry's technician has no two spans that overlap.

CREATE TABLE mission_transitions (
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    PRIMARY KEY (from_state, to_state)
);
INSERT INTO mission_transitions (from_state, to_state) VALUES
    ('new', 'published'),
    ('published', 'assigned'),
    ('assigned', 'in-progress'),
    ('in-progress', 'blocked'),
    ('blocked', 'in-progress'),
    ('in-progress', 'done'),
    ('done', 'invoiced'),
    ('new', 'cancelled'),
    ('published', 'cancelled'),
    ('assigned', 'cancelled');

CREATE TABLE mission_counter (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last    BIGINT NOT NULL CHECK (last >= 0)
);
INSERT INTO mission_counter (id, last) VALUES (1, 0);

CREATE TABLE missions (
    id                  TEXT PRIMARY KEY,
    number              BIGINT NOT NULL UNIQUE CHECK (number >= 1),
    customer_id         TEXT NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    site_id             TEXT NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    title               TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 120),
    description         TEXT CHECK (description IS NULL OR length(description) BETWEEN 1 AND 4000),
    street              TEXT NOT NULL CHECK (length(street) BETWEEN 1 AND 120),
    street2             TEXT CHECK (street2 IS NULL OR length(street2) BETWEEN 1 AND 120),
    postcode            TEXT NOT NULL CHECK (length(postcode) BETWEEN 1 AND 10),
    city                TEXT NOT NULL CHECK (length(city) BETWEEN 1 AND 80),
    priority            TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'emergency')),
    planned_start       BIGINT,
    planned_minutes     BIGINT CHECK (planned_minutes IS NULL OR planned_minutes BETWEEN 1 AND 1440),
    customer_reference  TEXT CHECK (customer_reference IS NULL OR length(customer_reference) BETWEEN 1 AND 64),
    hourly_rate_minor   BIGINT CHECK (hourly_rate_minor IS NULL OR hourly_rate_minor BETWEEN 0 AND 100000000000),
    caller_name         TEXT CHECK (caller_name IS NULL OR length(caller_name) BETWEEN 1 AND 120),
    caller_phone        TEXT CHECK (caller_phone IS NULL OR length(caller_phone) BETWEEN 4 AND 30),
    state               TEXT NOT NULL CHECK (state IN ('new', 'published', 'assigned', 'in-progress', 'blocked',
                                                        'done', 'invoiced', 'cancelled')),
    state_since         BIGINT NOT NULL,
    -- when it happens: the planned start, else its creation (the period filter, the planning)
    scheduled_at        BIGINT NOT NULL,
    invoice_id          TEXT REFERENCES invoices (id) ON DELETE RESTRICT,
    -- the approved minutes its invoice draft was made of (issuing checks they did not change)
    drafted_minutes     BIGINT CHECK (drafted_minutes IS NULL OR drafted_minutes >= 0),
    search_text         TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    -- an emergency names who called
    CHECK (priority <> 'emergency' OR caller_name IS NOT NULL)
);
CREATE INDEX missions_by_state ON missions (state, number);
CREATE INDEX missions_by_customer ON missions (customer_id, number);
CREATE INDEX missions_by_schedule ON missions (scheduled_at, number);
CREATE INDEX missions_waiting ON missions (priority, state, created_at);

CREATE TABLE mission_technicians (
    mission_id  TEXT NOT NULL REFERENCES missions (id) ON DELETE RESTRICT,
    user_id     TEXT NOT NULL,
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (mission_id, user_id)
);
CREATE INDEX mission_technicians_by_user ON mission_technicians (user_id, mission_id);

CREATE TABLE mission_history (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    mission_id  TEXT NOT NULL REFERENCES missions (id) ON DELETE RESTRICT,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    note        TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 2000),
    actor_id    TEXT NOT NULL,
    at_ms       BIGINT NOT NULL
);
CREATE INDEX mission_history_by_mission ON mission_history (mission_id, seq);

CREATE TRIGGER missions_born_new_or_published BEFORE INSERT ON missions
WHEN NEW.state NOT IN ('new', 'published')
BEGIN
    SELECT RAISE(ABORT, 'mission-transition-invalid: a mission is created new or published');
END;

CREATE TRIGGER mission_history_follows_the_table BEFORE INSERT ON mission_history
BEGIN
    SELECT RAISE(ABORT, 'mission-transition-invalid: a creation names the state the mission was created in')
    WHERE NEW.from_state IS NULL
      AND NOT EXISTS (SELECT 1 FROM missions m WHERE m.id = NEW.mission_id AND m.state = NEW.to_state)
       OR NEW.from_state IS NULL
      AND EXISTS (SELECT 1 FROM mission_history h WHERE h.mission_id = NEW.mission_id);
    SELECT RAISE(ABORT, 'mission-transition-invalid: not an allowed change of state')
    WHERE NEW.from_state IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM mission_transitions t WHERE t.from_state = NEW.from_state AND t.to_state = NEW.to_state);
    SELECT RAISE(ABORT, 'mission-state-changed: the mission is no longer in that state')
    WHERE NEW.from_state IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM missions m WHERE m.id = NEW.mission_id AND m.state = NEW.from_state);
END;

CREATE TRIGGER mission_history_moves_the_mission AFTER INSERT ON mission_history
WHEN NEW.from_state IS NOT NULL
BEGIN
    UPDATE missions SET state = NEW.to_state, state_since = NEW.at_ms, updated_at = NEW.at_ms
    WHERE id = NEW.mission_id AND state = NEW.from_state;
END;

CREATE TRIGGER missions_state_follows_history BEFORE UPDATE OF state ON missions
WHEN NEW.state IS NOT OLD.state
BEGIN
    SELECT RAISE(ABORT, 'mission-transition-invalid: a state changes only by a recorded transition')
    WHERE NOT EXISTS (
        SELECT 1 FROM mission_history h
        WHERE h.seq = (SELECT MAX(seq) FROM mission_history WHERE mission_id = OLD.id)
          AND h.from_state = OLD.state AND h.to_state = NEW.state);
END;

CREATE TRIGGER missions_closed_never_change BEFORE UPDATE ON missions
WHEN OLD.state IN ('invoiced', 'cancelled')
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: an invoiced or cancelled mission is kept as it is');
END;

CREATE TRIGGER missions_never_deleted BEFORE DELETE ON missions
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: a mission is cancelled, never deleted');
END;

CREATE TRIGGER mission_history_never_changed BEFORE UPDATE ON mission_history
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: a mission''s history is kept as it was written');
END;

CREATE TRIGGER mission_history_never_deleted BEFORE DELETE ON mission_history
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: a mission''s history is kept as it was written');
END;

CREATE TABLE time_entries (
    id              TEXT PRIMARY KEY,
    mission_id      TEXT NOT NULL REFERENCES missions (id) ON DELETE RESTRICT,
    technician_id   TEXT NOT NULL,
    work_date       TEXT NOT NULL CHECK (work_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    started_at      BIGINT,
    ended_at        BIGINT,
    break_minutes   BIGINT NOT NULL CHECK (break_minutes BETWEEN 0 AND 720),
    minutes         BIGINT NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    note            TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
    status          TEXT NOT NULL CHECK (status IN ('recorded', 'returned', 'approved', 'invoiced')),
    return_reason   TEXT CHECK (return_reason IS NULL OR length(return_reason) BETWEEN 1 AND 500),
    approved_by     TEXT,
    approved_at     BIGINT,
    invoice_id      TEXT REFERENCES invoices (id) ON DELETE RESTRICT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    CHECK ((started_at IS NULL) = (ended_at IS NULL)),
    CHECK (started_at IS NULL OR (ended_at > started_at AND ended_at - started_at <= 86400000
                                  AND minutes + break_minutes = (ended_at - started_at) / 60000)),
    CHECK (status IN ('recorded', 'returned') OR (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
    CHECK ((status = 'invoiced') = (invoice_id IS NOT NULL)),
    CHECK ((status = 'returned') = (return_reason IS NOT NULL))
);
CREATE INDEX time_entries_by_technician ON time_entries (technician_id, work_date);
CREATE INDEX time_entries_by_mission ON time_entries (mission_id, work_date);
CREATE INDEX time_entries_by_date ON time_entries (work_date, technician_id);
CREATE INDEX time_entries_by_span ON time_entries (technician_id, started_at);

CREATE TRIGGER time_entries_locked BEFORE UPDATE ON time_entries
WHEN OLD.status IN ('approved', 'invoiced')
 AND NOT (OLD.status = 'approved' AND NEW.status = 'invoiced' AND NEW.invoice_id IS NOT NULL
          AND NEW.mission_id = OLD.mission_id AND NEW.technician_id = OLD.technician_id
          AND NEW.work_date = OLD.work_date AND NEW.started_at IS OLD.started_at AND NEW.ended_at IS OLD.ended_at
          AND NEW.break_minutes = OLD.break_minutes AND NEW.minutes = OLD.minutes AND NEW.note IS OLD.note
          AND NEW.approved_by = OLD.approved_by AND NEW.approved_at = OLD.approved_at)
BEGIN
    SELECT RAISE(ABORT, 'time-entry-locked: an approved or invoiced entry is kept as it is');
END;

CREATE TRIGGER time_entries_locked_never_deleted BEFORE DELETE ON time_entries
WHEN OLD.status IN ('approved', 'invoiced')
BEGIN
    SELECT RAISE(ABORT, 'time-entry-locked: an approved or invoiced entry is kept as it is');
END;

CREATE TRIGGER time_entries_no_overlap BEFORE INSERT ON time_entries
WHEN NEW.started_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'time-entry-overlaps: a technician is in one place at a time')
    WHERE EXISTS (SELECT 1 FROM time_entries e
                  WHERE e.technician_id = NEW.technician_id AND e.id <> NEW.id AND e.started_at IS NOT NULL
                    AND e.started_at < NEW.ended_at AND NEW.started_at < e.ended_at
                    -- an entry lasts a day at most: only the day before can reach this one
                    AND e.started_at > NEW.started_at - 86400000);
END;

CREATE TRIGGER time_entries_no_overlap_on_change BEFORE UPDATE OF started_at, ended_at, technician_id ON time_entries
WHEN NEW.started_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'time-entry-overlaps: a technician is in one place at a time')
    WHERE EXISTS (SELECT 1 FROM time_entries e
                  WHERE e.technician_id = NEW.technician_id AND e.id <> NEW.id AND e.started_at IS NOT NULL
                    AND e.started_at < NEW.ended_at AND NEW.started_at < e.ended_at
                    -- an entry lasts a day at most: only the day before can reach this one
                    AND e.started_at > NEW.started_at - 86400000);
END;

-- Parts withdrawn for a mission carry its id.
ALTER TABLE stock_movements ADD COLUMN mission_id TEXT REFERENCES missions (id);
CREATE INDEX movements_by_mission ON stock_movements (mission_id, seq);

-- What an hour of work is invoiced at when a mission names no rate.
ALTER TABLE company_profile ADD COLUMN hourly_rate_minor BIGINT
    CHECK (hourly_rate_minor IS NULL OR hourly_rate_minor BETWEEN 0 AND 100000000000);

-- Missions can be turned off per company, like invoicing.
INSERT INTO feature_flags (name, enabled, updated_at_ms) VALUES ('missions', 1, 0);

-- INSERT OR REPLACE and UPDATE OR REPLACE delete a conflicting row without firing delete
-- triggers: a row whose key exists is refused before it could replace it, and keys never change.
CREATE TRIGGER missions_never_replaced BEFORE INSERT ON missions
WHEN EXISTS (SELECT 1 FROM missions WHERE id = NEW.id OR number = NEW.number)
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: a mission is never replaced');
END;

CREATE TRIGGER mission_history_never_replaced BEFORE INSERT ON mission_history
WHEN EXISTS (SELECT 1 FROM mission_history WHERE seq = NEW.seq)
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: a mission''s history is kept as it was written');
END;

CREATE TRIGGER time_entries_never_replaced BEFORE INSERT ON time_entries
WHEN EXISTS (SELECT 1 FROM time_entries WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'time-entry-locked: an entry is never replaced');
END;

CREATE TRIGGER missions_keys_never_change BEFORE UPDATE OF id, number ON missions
WHEN NEW.id IS NOT OLD.id OR NEW.number IS NOT OLD.number
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: a mission keeps its id and number');
END;

CREATE TRIGGER time_entries_id_never_changes BEFORE UPDATE OF id ON time_entries
WHEN NEW.id IS NOT OLD.id
BEGIN
    SELECT RAISE(ABORT, 'time-entry-locked: an entry keeps its id');
END;
