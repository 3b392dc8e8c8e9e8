# The business event log.
event-invoice-issued = Invoice issued
event-credit-note-issued = Credit note issued
event-payment-received = Payment received
event-emergency-created = Emergency called in
event-mission-blocked = Mission blocked
event-stock-critical = Stock at critical level
events-title = Business events
events-intro = What happened in the company that matters: invoices issued, payments received, emergencies, blocked missions, stock at critical level. Each event is recorded with the change that caused it and is never edited.
events-severity = Severity
events-kind = Event
events-when = When
events-subject = About
events-who = By
events-empty = No event recorded yet.
events-none-found = No event matches these filters.
events-older = Older events
events-all-kinds = All
