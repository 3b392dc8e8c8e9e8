-- The company profile becomes what an invoice prints: a structured address, contact details,
-- share capital, bank account, and how the company invoices. The free `address` line becomes
-- the street (its postcode and city are asked for on the settings page); `rcs` held the RCS
-- city.
ALTER TABLE company_profile RENAME COLUMN address TO street;
ALTER TABLE company_profile RENAME COLUMN rcs TO rcs_city;
ALTER TABLE company_profile ADD COLUMN street2 TEXT CHECK (street2 IS NULL OR length(street2) BETWEEN 1 AND 120);
ALTER TABLE company_profile ADD COLUMN postcode TEXT CHECK (postcode IS NULL OR (length(postcode) = 5 AND postcode NOT GLOB '*[^0-9]*'));
ALTER TABLE company_profile ADD COLUMN city TEXT CHECK (city IS NULL OR length(city) BETWEEN 1 AND 80);
ALTER TABLE company_profile ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
ALTER TABLE company_profile ADD COLUMN phone TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 30);
ALTER TABLE company_profile ADD COLUMN share_capital_minor INTEGER
    CHECK (share_capital_minor IS NULL OR share_capital_minor BETWEEN 0 AND 1000000000000000);
ALTER TABLE company_profile ADD COLUMN bank_account TEXT CHECK (bank_account IS NULL OR length(bank_account) BETWEEN 15 AND 34);
ALTER TABLE company_profile ADD COLUMN bic TEXT CHECK (bic IS NULL OR length(bic) IN (8, 11));
ALTER TABLE company_profile ADD COLUMN payment_terms_days INTEGER NOT NULL DEFAULT 30
    CHECK (payment_terms_days BETWEEN 0 AND 365);
ALTER TABLE company_profile ADD COLUMN late_penalty_bp INTEGER
    CHECK (late_penalty_bp IS NULL OR late_penalty_bp BETWEEN 1 AND 10000);
ALTER TABLE company_profile ADD COLUMN invoice_prefix TEXT NOT NULL DEFAULT 'F'
    CHECK (length(invoice_prefix) BETWEEN 1 AND 10);
ALTER TABLE company_profile ADD COLUMN credit_note_prefix TEXT NOT NULL DEFAULT 'AV'
    CHECK (length(credit_note_prefix) BETWEEN 1 AND 10 AND credit_note_prefix <> invoice_prefix);
ALTER TABLE company_profile ADD COLUMN document_lang TEXT NOT NULL DEFAULT 'fr' CHECK (document_lang IN ('fr', 'en'));
ALTER TABLE company_profile ADD COLUMN updated_at BIGINT;
