missions-title = Missions
missions-search = Search
missions-empty = No mission yet. Create one, or record an emergency when a customer calls.
missions-none-found = No mission matches these filters.
missions-next-page = Older missions
filter-all = All
filter-from = From
filter-to = To
choose = Choose…

mission-state-new = New
mission-state-published = Published
mission-state-assigned = Assigned
mission-state-in-progress = In progress
mission-state-blocked = Blocked
mission-state-done = Done
mission-state-invoiced = Invoiced
mission-state-cancelled = Cancelled
mission-priority-low = Low
mission-priority-normal = Normal
mission-priority-high = High
mission-priority-emergency = Emergency
mission-action-publish = Publish
mission-action-accept = Accept
mission-action-start = Start
mission-action-block = Report a blockage
mission-action-resume = Resume
mission-action-complete = Complete
mission-action-invoice = Invoice
mission-action-cancel = Cancel the mission

mission-reference = Reference
mission-title = Title
mission-customer = Customer
mission-planned = Planned
mission-planned-date = Planned day
mission-planned-time = Planned time
mission-duration = Planned duration
mission-duration-hint = Hours, as 2:30, 2h30 or 2.5. Without a time, the day starts at 08:00.
mission-state = State
mission-state-since = since { $when }
mission-technician = Technician
mission-technicians = Technicians
mission-no-technician = No technician yet: any technician may accept it once it is published.
mission-no-technician-yet = Nobody yet
mission-address = Intervention address
mission-address-hint = Leave empty to use the customer’s address (its delivery address if it has one).
mission-site = Stock site for the parts
mission-priority = Priority
mission-customer-reference = Customer’s reference
mission-hourly-rate = Hourly rate
mission-hourly-rate-hint = In { $currency }, before VAT. Empty: the company’s rate.
mission-caller = Who called
mission-caller-phone = Their phone
mission-description = Description
mission-section-what = What and for whom
mission-section-when = When, from where, who
mission-create = Create the mission
mission-new-title = New mission
mission-created = Mission created.
mission-edit = Edit the mission
mission-edit-title = Edit
mission-section-schedule = When, on which terms
mission-save = Save the changes
mission-updated = Mission saved.
mission-back = Back to the mission
mission-moved = Done.
mission-steps-title = Next step
mission-note-reason = Reason
mission-note-report = Report of the work done
mission-facts-title = The mission
mission-assign = Add a technician
mission-assign-submit = Add
mission-unassign = Take off
technician-assigned = Technician added.
technician-unassigned = Technician taken off.
mission-time-title = Time recorded
mission-time-empty = No time recorded on this mission yet.
mission-timeline-title = Timeline
timeline-created = Created as { $state }
timeline-moved = { $from } → { $to }

emergency-new-title = Record an emergency
emergency-intro = A customer calls with something urgent: the request is published at once and shown at the top of every manager’s home page until a technician accepts it.
emergency-section-call = The call
emergency-section-who = Who goes
emergency-what = What is happening
emergency-any-technician = The first technician who accepts
emergency-record = Record the emergency
emergency-recorded = Emergency recorded: technicians can accept it now.
emergencies-title = Emergencies waiting for a technician
emergency-waiting =
    { $n ->
        [one] waiting for { $count } minute
       *[other] waiting for { $count } minutes
    }

my-time-title = My time
team-time-title = Team time
time-record-title = Record time
time-correct-title = Correct an entry
time-no-mission = You are on no mission at work: once you accept a mission, you can record your time against it here.
time-mission = Mission
time-date = Day
time-start = Start
time-end = End
time-next-day = The end is on the next day (night work)
time-or-duration = Or, without times, the duration:
time-duration = Duration
time-break = Break (minutes)
time-note = Note
time-save = Save
time-recorded = Time recorded.
time-deleted = Entry deleted.
time-correct = Correct
time-delete = Delete
time-week-of = Week of { $from } to { $to }
time-week-nav = Weeks
time-previous-week = ← Previous week
time-next-week = Next week →
time-week-total = Total: { $total }
time-week-empty = No time this week.
time-span = Hours
time-worked = Worked
time-status = Status
time-total = Total
time-decision = Decision
time-approve = Approve
time-approved = Entry approved.
time-approve-week =
    { $n ->
        [one] Approve the entry waiting this week
       *[other] Approve the { $count } entries waiting this week
    }
week-approved = Week approved.
time-return = Send back
time-return-reason = Why it goes back
time-returned = Entry sent back to its technician.
time-returned-because = Sent back: { $reason }
time-break-minutes =
    { $n ->
        [one] { $count } minute break
       *[other] { $count } minutes break
    }
time-status-recorded = Waiting for approval
time-status-returned = Sent back
time-status-approved = Approved
time-status-invoiced = Invoiced
mission-parts-title = Parts used
mission-parts-empty = No part withdrawn for this mission yet.
part-article = Article code
part-designation = Article
part-quantity = Quantity
part-cost = Cost
part-withdraw = Withdraw for the mission
part-withdrawn = Part withdrawn from the mission’s site.
mission-invoice-title = Invoice the mission
mission-invoice-intro = A draft of the approved hours at the mission’s hourly rate and of the parts at their sale price. Issuing it marks the time invoiced and the mission invoiced, together.
mission-invoice-create = Create the invoice draft
mission-draft-created = Invoice draft created from the mission.
mission-open-invoice = Open the mission’s invoice
planning-title = Planning
agenda-title = My agenda
planning-nobody = Nobody yet
planning-empty = No mission planned this week.
planning-caption = Missions of the week, by technician and by day
