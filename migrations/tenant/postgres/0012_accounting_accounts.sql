-- The accounts the FEC export posts to (domain::invoicing::fec::accounts), per company; a
-- missing row means the French chart's default. Accountants edit them; every change is kept in
-- the audit log.

CREATE TABLE accounting_accounts (
    name        TEXT PRIMARY KEY CHECK (name IN ('receivable', 'sales_goods', 'sales_services', 'vat_collected', 'bank', 'cash')),
    account     TEXT NOT NULL CHECK (length(account) BETWEEN 2 AND 12),
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT NOT NULL
);
