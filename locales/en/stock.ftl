stock-sites-intro = Warehouses, depots and shops where stock is kept.
sites-title = Sites
sites-filter = Search sites
sites-empty = No site yet. Create the first one below.
sites-count = { $shown } of { $total } sites
sites-created = Created
sites-updated = Last changed
sites-create-title = New site
sites-create-submit = Create the site
sites-rename-title = Rename
sites-rename-submit = Save the name
label-site-code = Code
label-site-name = Name
label-site-city = City
site-created = Site created.
site-renamed = Site renamed.
stock-list-title = Stock by article
stock-list-intro = Every article with its quantity and value, receipts and withdrawals.
stock-search = Search
stock-site = Site
stock-all-sites = All sites
stock-below-min = Below minimum only
stock-empty = No article matches.
stock-next-page = Next articles
stock-code = Code
stock-designation = Designation
stock-category = Category
stock-quantity = Quantity
stock-value = Value
stock-low = below minimum
stock-min-max = Minimum / maximum
stock-levels = Stock per site
stock-open-lots = Lots in stock
stock-expires = expires { $date }
stock-receive-title = Receive goods
stock-receive-submit = Record the receipt
stock-received = Receipt recorded.
stock-withdraw-title = Withdraw goods
stock-withdraw-submit = Record the withdrawal
stock-withdrawn = Withdrawal recorded.
stock-no-movements = No movement yet.
stock-movements = Latest movements
stock-when = When
stock-movement-kind = Movement
label-quantity = Quantity
label-unit-cost = Unit cost
label-lot-number = Lot number
label-expiry = Expiry date
label-reference = Reference
label-withdraw-reason = Reason (job, customer…)
movement-receipt = Receipt
movement-issue = Withdrawal
movement-transfer-out = Transfer out
movement-transfer-in = Transfer in
movement-adjustment = Count adjustment
movement-reversal = Reversal
stock-transfer-title = Transfer to another site
stock-transfer-submit = Record the transfer
stock-transferred = Transfer recorded.
label-from-site = From
label-to-site = To
stock-adjust-title = Physical count
stock-adjust-submit = Record the count
stock-adjusted = Count recorded; the difference was posted.
label-counted = Quantity counted
label-adjust-reason = Reason (inventory, breakage…)
stock-reverse = Reverse
stock-reversed = Operation reversed.
label-reverse-reason = Reason for the reversal
stock-export-csv = Download as CSV
stock-minimum = Minimum
stock-who = By
alerts-title = Stock alerts
alerts-intro =
    { $n ->
        [0] No level is under its minimum.
        [one] One level is under its minimum.
       *[other] { $count } levels are under their minimum.
    }
alerts-empty = Every level is at or above its minimum.
alerts-critical = Critical: empty, or under half the minimum
alerts-low = Low: under the minimum
alerts-none-here = None.
valuation-title = Stock valuation
valuation-intro = What the stock is worth at weighted average cost, by site and by category.
valuation-total = Total stock value:
valuation-method = Weighted average cost, updated with every movement.
valuation-by-site = By site
valuation-by-category = By category
valuation-lines = Articles in stock
valuation-no-category = No category
lots-title = Lot trace
lots-intro = Every movement in and out of a lot, for a recall.
lots-search = Trace
lots-ask = Enter a lot number to see where that lot went.
lots-none = No lot has this number.
lots-where = Where the lot is
lots-remaining = Remaining
lots-transferred = transferred
lots-movements = Every movement of the lot
expiring-title = Lots expiring soon
expiring-intro = Lots still in stock that expire soon, or already have.
expiring-within = Expiring within
expiring-days = { $days } days
expiring-none = No lot in stock expires within this period.
anomalies-title = Stock anomalies
anomalies-intro = Movements that went through but look unusual: large changes, night-time movements.
anomalies-rules = A movement that changes a level by more than the company’s threshold (50 % by default), or made during unusual hours (22:00–05:00 by default), is recorded here as a warning.
anomalies-none = No anomaly recorded.
anomalies-severity = Severity
anomalies-kind = Anomaly
anomalies-change = Level change
severity-info = Information
severity-warning = Warning
severity-critical = Critical
anomaly-stock-large-change = Large change of a level
anomaly-stock-unusual-hours = Movement during unusual hours
reorder-title = Reorder suggestions
reorder-intro = What to order to bring every level under its minimum back to its maximum.
reorder-none = Nothing to reorder: every level is at or above its minimum.
reorder-download = Download the order as CSV
reorder-estimate = Estimated at purchase prices: { $amount }
reorder-quantity = To order
reorder-cost = Estimated cost
import-title = Import from CSV
import-intro = Articles and opening stock from a spreadsheet.
import-read-only = Your role does not allow importing.
import-form-title = Import a file
import-kind = What the file holds
import-kind-articles = Articles
import-kind-opening-stock = Opening stock
import-file = CSV file
import-hint = Comma or semicolon separated, decimal comma or point, UTF-8 or Windows-1252 (as spreadsheets save it). The first line names the columns, as below (French headings are understood too). Every row is checked first: if any is wrong, nothing is imported and you get the list of problems.
import-submit = Check and import
import-history = Latest imports
import-history-empty = No import yet.
import-outcome = Outcome
import-outcome-imported =
    { $n ->
        [one] 1 row imported
       *[other] { $count } rows imported
    }
import-outcome-refused =
    { $n ->
        [one] refused: 1 problem
       *[other] refused: { $count } problems
    }
import-outcome-failed = failed; nothing imported
import-phase-checking = Checking every row…
import-phase-writing = Importing…
import-phase-done = Finishing…
import-rows-done = { $done } of { $total } rows
import-done =
    { $n ->
        [one] Import complete: 1 row imported.
       *[other] Import complete: { $count } rows imported.
    }
import-another = Import another file
import-refused =
    { $n ->
        [one] Nothing was imported: the file has 1 problem. Correct it and import the file again.
       *[other] Nothing was imported: the file has { $count } problems. Correct them and import the file again.
    }
import-line = Line
import-column = Column
import-problem = Problem
import-more-errors =
    { $n ->
        [one] …and 1 more problem not listed.
       *[other] …and { $count } more problems not listed.
    }
import-try-again = Import a corrected file
import-failed = The import failed on our side. Nothing was imported; please try again.
article-new-title = New article
article-new-intro = Create an article with its prices, VAT and stock bounds.
article-edit-title = Change article
article-edit = Change the article
article-create = Create the article
article-save = Save the article
article-created = Article created.
article-updated = Article saved.
article-inactive = inactive
article-form-hint = Prices excluding VAT; decimal comma or point. Stock bounds in the article’s unit.
label-article-code = Code
label-designation = Designation
label-category = Category
label-family = Family
label-unit = Unit (u, m, kg…)
label-purchase-price = Purchase price
label-sale-price = Sale price
label-vat-rate = VAT rate (%)
label-min-stock = Minimum stock
label-max-stock = Maximum stock
label-article-active = In use (inactive articles leave the stock list)
stock-all-categories = All categories
label-lot = Lot
lot-automatic = Automatic: first expiring, then first received
