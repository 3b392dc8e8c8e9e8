retention-intro = How long the law keeps each kind of record your company holds, in France and in Algeria, and how old what you hold is. Most of it is history Atelier never deletes; ended sessions and security events past their retention can be purged.
retention-policies = Retention periods
retention-data = Data
retention-basis = Legal basis
retention-active = Active
retention-archive = Archive
retention-eligible = Past retention
retention-oldest = Oldest
retention-purge = Purge
retention-years = { $n ->
    [one] { $count } year
   *[other] { $count } years
}
retention-years-from-year-end = { $n ->
    [one] { $count } year from the end of its year
   *[other] { $count } years from the end of its year
}
retention-bands = Active: of the last twelve months (a session: not ended yet). Archive: older, still under its retention. Past retention: its period is over (with a day’s margin).
retention-automatic = Sessions are also deleted by the server itself a year after they end.
retention-not-advice = The periods are Atelier’s defaults; the texts are where they come from or what bears on them. Check them with your accountant or lawyer.
retention-dry-run = What would a purge delete?
retention-dry-run-title = Dry run: { $name }
retention-dry-run-rows = { $count } records of “{ $name }” are dated before { $before }: past their retention.
retention-dry-run-span = The oldest dates from { $from }, the newest from { $to }.
retention-nothing-to-purge = Nothing to purge: nothing is past its retention.
retention-admins-purge = Only administrators may purge.
retention-confirm = { $n ->
    [one] I understand that this record will be deleted for good.
   *[other] I understand that these { $count } records will be deleted for good.
}
retention-purge-now = Purge now
retention-purges = Purges
retention-no-purges = No purge yet.
retention-started = Started
retention-finished = Ended
retention-by = By
retention-status = Status
retention-deleted = Deleted
retention-back = Back to retention
retention-status-running = Running
retention-status-done = Done
retention-status-failed = Stopped
retention-status-interrupted = Interrupted
retention-purge-title = Purge
retention-purge-of = Purge: { $name }
retention-purge-running = Deleting, a thousand records at a time…
retention-purge-progress = { $count } of { $total } records dated before { $before } deleted.
retention-purge-done = Done: { $count } records of “{ $name }” dated before { $before } deleted.
retention-purge-stopped = Stopped after { $count } of { $total } records. What was deleted is gone; the rest is still there, and a new purge takes it.
retention-stopped-by-mode = The company’s emergency mode now stops changes.
retention-kept-ledger-chain-short = Kept: links of the ledger
retention-kept-stock-history-short = Kept: stock history
retention-kept-lot-movements-short = Kept: named by movements
retention-kept-audit-chain-short = Kept: audit chain

retention-type-invoices = Invoices
retention-type-payments = Payments
retention-type-stock-movements = Stock movements
retention-type-receipts = Goods receipts
retention-type-audit-logs = Audit log
retention-type-security-logs = Security events
retention-type-deliveries = Delivery notes
retention-type-lots = Lots
retention-type-session-tokens = Sessions
retention-type-sync-events = Device sync events

retention-basis-fr-invoices = Code de commerce, art. L123-22: accounting documents and their supporting documents, 10 years; Livre des procédures fiscales, art. L102 B: 6 years for the tax authority.
retention-basis-dz-invoices = Code de commerce (ordonnance 75-59), art. 12: books and supporting documents, 10 years.
retention-basis-fr-payments = Code de commerce, art. L123-22: accounting records, 10 years; Livre des procédures fiscales, art. L102 B: 6 years.
retention-basis-dz-payments = Code de commerce, art. 9 and 12: the journal and its supporting documents, 10 years.
retention-basis-fr-stock-movements = Code de commerce, art. L123-12 and L123-22: the inventory and the documents supporting the accounts, 10 years.
retention-basis-dz-stock-movements = Code de commerce, art. 10 and 12: the yearly inventory and its documents, 10 years.
retention-basis-fr-receipts = Code de commerce, art. L123-22: goods received support the accounts, 10 years.
retention-basis-dz-receipts = Code de commerce, art. 12: supporting documents, 10 years.
retention-basis-fr-audit-logs = No period of its own: kept with the records it traces (Code de commerce, art. L123-22, 10 years); CGI art. 289 VII asks for a reliable audit trail of invoicing.
retention-basis-dz-audit-logs = Loi 07-11 (système comptable financier), art. 19: entries made irreversible at closing; kept with the records (Code de commerce, art. 12, 10 years).
retention-basis-fr-security-logs = GDPR art. 5(1)(e): no longer than needed; the CNIL (délibération 2021-122) recommends 6 months to 1 year for logs unless a risk justifies longer.
retention-basis-dz-security-logs = Loi 18-07 (personal data): kept only as long as their purpose needs; loi 09-04: 1 year of traffic data for service providers.
retention-basis-fr-deliveries = Code de commerce, art. L110-4: commercial obligations, 5 years; those supporting the accounts, art. L123-22, 10 years.
retention-basis-dz-deliveries = Décret exécutif 05-468 (invoices, transfer and delivery notes); those supporting the books, Code de commerce, art. 12, 10 years.
retention-basis-fr-lots = Règlement (CE) 178/2002, art. 18: traceability of lots (5 years in its guidance, for food); lots named in the accounts follow art. L123-22.
retention-basis-dz-lots = No general text: lots named in the accounts follow Code de commerce, art. 12.
retention-basis-fr-session-tokens = GDPR art. 5(1)(e): no longer than needed; the CNIL recommends 6 months to 1 year for connection logs.
retention-basis-dz-session-tokens = Loi 18-07: kept only as long as their purpose needs; loi 09-04: 1 year of traffic data.
retention-basis-fr-sync-events = GDPR art. 5(1)(e): no longer than needed.
retention-basis-dz-sync-events = Loi 18-07: kept only as long as their purpose needs.

field-retention-unknown-type = Not a kind of data of the retention table.
field-retention-kept-ledger-chain = Never purged: invoices and payments are links of the ledger’s hash chain, which proves that none was altered. Archive them with the ledger export.
field-retention-kept-stock-history = Never purged: stock levels and lots are the sum of the movements.
field-retention-kept-lot-movements = Never purged: each lot is named by the movements that received and used it, kept 10 years.
field-retention-kept-audit-chain = Never purged: each audit entry holds the fingerprint of the one before it. Export the log to keep a copy.
field-retention-not-held = Atelier holds no such data.
field-retention-confirm-required = Tick the box to confirm that the records will be deleted for good.
error-retention-purge-running = A purge of your company is already running: wait for its end.
error-retention-nothing-to-purge = Nothing of this kind is past its retention: there is nothing to purge.
error-retention-purge-interrupted = Its server stopped during the purge.

audit-kind-retention-purge-started = Purge started
audit-kind-retention-purged = Purge done
audit-kind-retention-purge-failed = Purge stopped
purge-started = The purge has started: its page follows it to its end.
retention-counted = Counted at { $time }; counted again after a minute, and at the end of a purge.
