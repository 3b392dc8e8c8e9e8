-- Failed sign-ins per account, and the lock they lead to (A4).
CREATE TABLE login_failures (
    user_id         TEXT NOT NULL REFERENCES users (id),
    at_ms           INTEGER NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_id, at_ms);

ALTER TABLE users ADD COLUMN locked_until_ms INTEGER;
