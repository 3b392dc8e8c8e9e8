company-profile-title = Company profile
company-profile-summary = Legal identity, bank details and invoicing settings, as invoices print them.
company-fixed = { $country }, amounts in { $currency }: set when the company was created.
company-updated = Last saved { $time }.
company-never-saved = Never saved from this page yet.
company-missing-title = Before the first invoice
company-missing-intro = Invoices cannot be issued until the profile gives:
company-complete = The profile gives everything every invoice needs.
company-section-identity = Legal identity
company-section-address = Registered address
company-section-contact = Contact on documents
company-section-registration = Registration numbers
company-section-bank = Bank details printed on invoices
company-section-invoicing = Invoicing
company-legal-form-hint = SARL, SAS, SPA, EURL… For an individual entrepreneur write EI: no share capital nor RCS is then required.
company-penalty-hint = Yearly rate applied to late payments by business customers (France: at least three times the legal interest rate). The fixed 40 € recovery indemnity is printed automatically.
company-prefix-hint = Numbers read PREFIX-YEAR-SEQUENCE, e.g. F-2026-00042. Changing a prefix starts new series; issued numbers never change.
company-profile-saved = Profile saved.
company-save = Save the profile
country-fr = France
country-dz = Algeria
label-legal-name = Legal name
label-legal-form = Legal form
label-share-capital = Share capital
label-street = Street
label-street2 = Address line 2
label-postcode = Postcode
label-city = City
label-phone = Telephone
label-siren = SIREN
label-siret = SIRET (head office)
label-vat-number = VAT number
label-rcs-city = RCS city (trade register)
label-nif = NIF
label-nis = NIS
label-rc = Trade register (RC)
label-ai = Article d’imposition (AI)
label-bank-account = IBAN (or RIB)
label-bic = BIC
label-payment-terms = Payment terms (days)
label-late-penalty-rate = Late-payment penalty rate (% a year)
label-invoice-prefix = Invoice number prefix
label-credit-note-prefix = Credit note number prefix
label-document-lang = Language of documents
customers-title = Customers
customers-intro = Who you invoice: businesses and individuals, with the identifiers their invoices need.
customers-search = Search (name, city, e-mail, SIREN, NIF…)
customers-empty = No customer yet. Create the first one, or import a file.
customers-none-found = No customer matches this search.
customers-next-page = Next customers →
customers-export-csv = Export to CSV
customers-count =
    { $n ->
        [one] One customer.
       *[other] { $count } customers.
    }
customers-imported =
    { $n ->
        [one] One customer imported.
       *[other] { $count } customers imported.
    }
customer-kind = Kind
customer-identifier = SIREN / NIF
customer-new-title = New customer
customer-edit-title = Change this customer
customer-import-title = Import customers
customer-import-intro = A CSV file with one customer per line. Each must have a name, a street, a postcode and a city; the identifiers are those of the company’s country. A customer already known (same name and postcode) is refused on its line.
customer-import-required = Required columns
customer-import-columns = Columns
customer-import-submit = Check and import
import-problems = Problems in the file
customer-create = Create the customer
customer-save = Save the changes
customer-created = Customer created.
customer-updated = Customer saved.
customer-deleted = Customer deleted.
customer-section-identity = Customer
customer-section-address = Billing address
customer-section-delivery = Delivery address
customer-section-registration = Registration numbers
customer-delivery-hint = Only when goods are delivered elsewhere: leave these empty otherwise.
customer-registration-hint = Required on the invoices of a business (France: its SIREN; Algeria: its NIF and RC). An individual has none.
customer-terms-hint = Leave empty to use the company’s terms.
customer-terms-days =
    { $n ->
        [0] payment on receipt
        [one] 1 day
       *[other] { $count } days
    }
customer-terms-company = the company’s terms
customer-dates = Created { $created }, last changed { $updated }.
customer-delete-title = Delete this customer
customer-delete-intro = A customer with invoices (drafts included) cannot be deleted; the invoices keep its details.
customer-delete = Delete the customer
label-customer-name = Name or legal name
label-customer-email = Invoices sent to (e-mail)
label-customer-terms = Payment terms (days)
label-siret-customer = SIRET
label-delivery-street = Delivery street
label-delivery-street2 = Delivery address line 2
label-delivery-postcode = Delivery postcode
label-delivery-city = Delivery city
company-logo-title = Logo
company-logo-alt = The company’s logo
company-logo-none = No logo yet: documents print the company’s name instead.
company-logo-file = Image (PNG or JPEG)
company-logo-hint = At most 1 MB and 4096 pixels a side. It is resized to fit 800 × 300 pixels and saved as PNG.
company-logo-upload = Upload the logo
company-logo-remove = Remove the logo
company-logo-saved = Logo saved.
company-logo-removed = Logo removed.
label-hourly-rate = Hourly rate of a technician (before VAT, when a mission names none)
