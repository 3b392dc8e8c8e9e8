# Alerts: the notifications page, the header's bell and the rules.
notifications-title = Alerts
notifications-intro = Conditions that have lasted too long: an emergency nobody has taken, an invoice unpaid past its due date, a level gone critical, a blocked mission, time waiting for approval. Each condition raises one alert for the roles its rule names; it closes by itself when the condition ends.
alerts-show = Show
alerts-show-open = Open alerts
alerts-show-all = Open and closed alerts
alerts-none-open = No open alert for you. Everything watched is in order.
alerts-none = No alert has been raised for you yet.
alerts-older = Older alerts
alerts-opened = Raised
alerts-rule = Rule
alerts-state = State
alerts-acknowledgement = Acknowledgement
alerts-open = Open
alerts-closed-at = Closed on { $when }
alerts-acknowledged-by = Acknowledged by { $who } on { $when }
alerts-acknowledge = Acknowledge
alerts-new = New
alert-acknowledged = Alert acknowledged: the others it was sent to see that you have it in hand.
alerts-bell =
    { $n ->
        [0] Alerts: nothing new
        [one] Alerts: one new alert
       *[other] Alerts: { $count } new alerts
    }

alerts-bell-many = Alerts: more than { $count } new alerts

alert-rules-title = Alert rules
alert-rules-intro = What Atelier watches for the company, how long a condition may last before it alerts, how serious its alerts are and who receives them. Checks run every minute for the rules counted in minutes and every hour for the others; a change applies from the next check, and alerts already raised keep what they said.
alert-rule-emergency-pending = Emergency waiting for a technician
alert-rule-emergency-pending-hint = An emergency still new or published, with no technician who accepted it.
alert-rule-invoice-overdue = Invoice overdue
alert-rule-invoice-overdue-hint = An invoice with an amount left to pay, this many days after its due date (in the company's days).
alert-rule-invoice-long-overdue = Invoice long overdue
alert-rule-invoice-long-overdue-hint = The same, much later: the escalation, usually critical.
alert-rule-stock-critical = Stock at critical level
alert-rule-stock-critical-hint = A level empty or under half its article's minimum (the minimum is set on each article).
alert-rule-mission-blocked = Mission blocked
alert-rule-mission-blocked-hint = A mission a technician reported blocked, still blocked after this long.
alert-rule-timesheets-unapproved = Time waiting for approval
alert-rule-timesheets-unapproved-hint = A technician's time entries recorded this many days ago and neither approved nor sent back.
alert-threshold-minutes = Alert after (minutes)
alert-threshold-days = Alert after (days)
alert-unit-minutes = minutes
alert-unit-days = days
alert-rule-enabled = Rule on
alert-rule-roles = Roles notified
alert-rule-save = Save the rule
alert-rule-saved = Rule saved: it applies from the next check.
alert-rule-changed-by = Changed by { $who } on { $when }
alert-rule-open =
    { $n ->
        [0] No alert open.
        [one] One alert open.
       *[other] { $count } alerts open.
    }

# The e-mail of a critical alert (plain text).
mail-alert-subject = [Atelier] { $severity }: { $rule } — { $subject }
mail-alert-intro = Alert for { $company }:
mail-alert-opened = Raised on { $when }.
mail-alert-why = You receive this e-mail because the alert rule notifies your role of its critical alerts. The company's administrators choose who is notified in Alerts → Alert rules.
