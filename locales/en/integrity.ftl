governance-integrity = Integrity check
governance-integrity-hint = Recompute stock, invoice numbers, PDFs, hash chains, missions and approved time, and list anything that does not hold.
integrity-intro = Atelier’s databases refuse almost every change that would break these rules. The check recomputes them from the records they follow from, and finds what got past anyway: a database edited by hand, a damaged restore, a trigger removed.
integrity-what = What the check recomputes
integrity-how = It only reads your company’s data, so it can run at any time, in every emergency mode; it takes a few seconds for a million stock movements. Each run is kept below and written to the audit log.
integrity-run = Run the check now
integrity-started = The check has started.
integrity-runs = Latest checks
integrity-no-runs = No check has been run yet.
integrity-violations = Violations
integrity-by-operator = Platform operator
integrity-holds = Holds
integrity-violated = Violations found
integrity-run-title = Integrity check
integrity-running = Checking…
integrity-progress = Rule { $done } of { $total } done; now: { $rule }.
integrity-stopped = The check stopped before the end.
integrity-back = Back to the integrity check
integrity-all-hold = Every rule holds.
integrity-found = { $n ->
    [one] One violation found.
   *[other] { $count } violations found.
}
integrity-what-next = Nothing has been changed. Keep this report, look for what changed the records (the audit log, your database’s own logs), and restore from a backup taken before if needed.
integrity-rule = Rule
integrity-checked = Records checked
integrity-more = { $n ->
    [one] …and one more.
   *[other] …and { $count } more.
}
integrity-time-entry = { $day }, mission { $mission }
integrity-nothing = nothing

integrity-rule-stock-levels = Stock levels equal the sum of their movements, never below zero
integrity-rule-stock-lots = Lots equal the sum of their movements, never below zero
integrity-rule-invoice-numbers = Invoice and credit note numbers: no gap, no duplicate, per series and year
integrity-rule-invoice-pdfs = Every issued document’s PDF matches its SHA-256 and the ledger
integrity-rule-ledger = The ledger’s hash chain is unbroken
integrity-rule-audit-log = The audit log’s hash chain is unbroken
integrity-rule-missions = Every mission is in the state its history leads to
integrity-rule-time-entries = No approved time entry changed after its approval

integrity-finding-level-negative = { $subject }: the level is below zero ({ $found }).
integrity-finding-level-quantity = { $subject }: the level holds { $found }, its movements add up to { $expected }.
integrity-finding-level-value = { $subject }: the level is worth { $found }, its movements add up to { $expected }.
integrity-finding-level-missing = { $subject }: movements add up to { $expected } but there is no level.
integrity-finding-lot-negative = Lot { $subject }: below zero ({ $found }).
integrity-finding-lot-remaining = Lot { $subject }: { $found } remaining, its movements add up to { $expected }.
integrity-finding-number-missing = { $subject }: issued without a sequence number.
integrity-finding-number-duplicate = { $subject }: the number is used more than once.
integrity-finding-number-gap = { $subject }: this number is missing from the series.
integrity-finding-counter-missing = { $subject }: documents are numbered up to { $expected } but the series has no counter.
integrity-finding-counter-behind = { $subject }: the counter says { $found }, documents are numbered up to { $expected }.
integrity-finding-pdf-missing = { $subject }: the PDF as issued is missing.
integrity-finding-pdf-hash = { $subject }: the PDF no longer matches its SHA-256 (issued { $expected }, now { $found }).
integrity-finding-pdf-not-chained = { $subject }: no ledger entry records this document.
integrity-finding-pdf-chained-differs = { $subject }: the ledger chained another PDF ({ $expected }) than the one stored ({ $found }).
integrity-finding-chain-altered = Entry { $subject }: its content no longer matches its hash (altered).
integrity-finding-chain-unlinked = Entry { $subject }: it does not follow the entry before it (an entry missing, added or moved).
integrity-finding-chain-out-of-sequence = Entry { $subject }: the numbering skips or repeats.
integrity-finding-chain-truncated = Entry { $subject }: the chain stops before its recorded head (the last entries were removed).
integrity-finding-mission-step = Mission { $subject }: a step its history records is not allowed ({ $found }).
integrity-finding-mission-state = Mission { $subject }: its state is { $found }, its history leads to { $expected }.
integrity-finding-mission-count = Missions “{ $subject }”: the dashboards count { $found }, there are { $expected }.
integrity-finding-time-unapproved = Time of { $subject }: approved once, now { $found }.
integrity-finding-time-unsealed = Time of { $subject }: approved, but its approval was never recorded.
integrity-finding-time-changed = Time of { $subject }: changed after its approval ({ $found }).

error-integrity-running = A check is already running for this company: wait for it to end.
error-integrity-interrupted = Its server stopped during the check. Run it again.
audit-kind-integrity-checked = Integrity checked

integrity-field-mission = mission
integrity-field-technician = technician
integrity-field-date = date
integrity-field-start = start
integrity-field-end = end
integrity-field-break = break
integrity-field-minutes = minutes
integrity-field-note = note
integrity-field-approved-by = approved by
integrity-field-approved-at = approved at
integrity-field-status-recorded = waiting for approval
integrity-field-status-returned = sent back
