dashboards-title = Dashboards
dashboards-intro = The figures of your role at a glance. Each figure opens the list behind it.
dashboard-operations = Operations
dashboard-finance = Finance
dashboard-platform = Platform
dashboard-as-of = Figures as of { $when }; they refresh every 30 seconds while the page is open with JavaScript.
dashboard-value = Value

dashboard-stock-value = Stock value
dashboard-critical = Critical stock levels
dashboard-low = Low stock levels
dashboard-missions-open = Missions to do
dashboard-emergencies = Emergencies waiting for a technician
dashboard-longest-wait = the oldest for { $time }
dashboard-week-hours = Technicians' hours this week
dashboard-chart-sites = Stock value by site
dashboard-site = Site
dashboard-no-sites = No site yet: stock value by site appears once a site holds stock.
dashboard-chart-missions = Missions by state
dashboard-state = State
dashboard-chart-hours = Hours recorded in the week of { $from }, by technician
dashboard-technician = Technician
dashboard-no-technicians = No technician in this company yet.

dashboard-invoices =
    { $n ->
        [0] no invoice
        [one] one invoice
       *[other] { $count } invoices
    }
dashboard-payments =
    { $n ->
        [0] no payment
        [one] one payment
       *[other] { $count } payments
    }
dashboard-invoiced-this-month = Invoiced this month
dashboard-invoiced-last-month = Invoiced last month
dashboard-receivable = Still to be paid
dashboard-overdue = Overdue
dashboard-collected = Collected this month
dashboard-month-to-date = { $month }, to date
dashboard-chart-invoiced = Invoiced: this month against last
dashboard-period = Period
dashboard-chart-receivables = Still to be paid, by age of the invoice
dashboard-age = Age
dashboard-age-0-30 = 0 to 30 days
dashboard-age-31-60 = 31 to 60 days
dashboard-age-61-90 = 61 to 90 days
dashboard-age-over-90 = More than 90 days
dashboard-finance-note = Amounts include VAT. Invoiced: invoices issued in the period less the credit notes issued in it. Ages count the days since an invoice was issued; overdue means due before today and not fully paid.

dashboard-alerts-open = Open alerts
dashboard-security-events = Unusual stock activity, last 24 hours
dashboard-sign-in-failures = Failed sign-ins, last 24 hours
dashboard-locked-accounts = Locked accounts
dashboard-chart-alerts = Open alerts by severity
dashboard-severity = Severity
dashboard-chart-security = Unusual stock activity in the last 24 hours, by severity
dashboard-flags = Features
dashboard-feature = Feature
dashboard-flag-name = Name
dashboard-flag-state = State
dashboard-flag-on = On
dashboard-flag-off = Off
dashboard-flags-note = Features are managed in Governance → Feature flags.

flag-bulk-stock-import = Stock imports from CSV files
flag-auto-reorder-suggestions = Reorder suggestions
flag-invoicing = Invoicing
flag-missions = Missions and timesheets

dashboard-export = Export the figures
dashboard-export-intro = This board's figures month by month, as a CSV file for a spreadsheet (amounts with their cents, hours in decimal hours). At most 36 months; the current month counts up to today.
dashboard-export-from = From the month
dashboard-export-to = To the month
dashboard-export-submit = Download the CSV file

home-dashboards = Your dashboards
