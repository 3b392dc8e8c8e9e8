-- The server's own measurements of the requests its service level objective counts (`/health`
-- and signing in): per minute and route, how many and how many were good. Each server process
-- adds its counts every minute, so several processes on one database make one figure.
CREATE TABLE slo_minutes (
    minute  BIGINT NOT NULL CHECK (minute >= 0),
    route   TEXT NOT NULL CHECK (route IN ('health', 'login')),
    total   BIGINT NOT NULL CHECK (total >= 0),
    good    BIGINT NOT NULL CHECK (good BETWEEN 0 AND total),
    PRIMARY KEY (minute, route)
);
