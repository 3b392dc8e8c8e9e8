-- The sign-in budget of each client address (ATELIER_LOGIN_ATTEMPTS_PER_MINUTE, A24), shared by
-- every app server on this database (issue 17): one row per attempt the budget let through; an
-- address whose rows of the last minute reach the budget waits. Rows older than the minute are
-- deleted by each server's maintenance.

CREATE TABLE sign_in_attempts (
    address TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);

CREATE INDEX sign_in_attempts_by_address ON sign_in_attempts (address, at_ms);
