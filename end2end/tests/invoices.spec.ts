import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { expect, test } from './fixtures';
import { hasJs, login, setLanguage, snapshot } from './helpers';

const pdfFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/pdf', buffer });

test('an accountant issues a draft, opens its PDF, and anyone verifies it; one altered byte fails', async ({ page }, info) => {
  await login(page, 'accountant@demo.example', '/invoices/customers?q=boulangerie');
  await page.getByRole('link', { name: 'Boulangerie Martin' }).click();
  await page.getByLabel('Operation').selectOption('services');
  await page.getByRole('button', { name: 'Start a draft' }).click();
  await expect(page).toHaveURL(/\/invoices\/drafts\/[0-9a-f-]+$/);
  // An empty draft is refused with its reason, and nothing is numbered.
  await page.getByRole('button', { name: 'Issue the invoice' }).click();
  await expect(page.locator('[data-error="draft-empty"]')).toHaveText('A draft without lines cannot be issued.');
  await expect(page).toHaveURL(/\/invoices\/drafts\/[0-9a-f-]+$/);

  await page.getByLabel('Designation').fill('Remplacement du thermostat');
  await page.getByLabel('Quantity', { exact: true }).fill('2');
  await page.getByLabel('Unit price excl. VAT').fill('45');
  await page.getByLabel('VAT rate').selectOption('20');
  await page.getByRole('button', { name: 'Add the line' }).click();
  await expect(page.locator('.grand-totals')).toHaveAttribute('data-total', '10800');
  await page.getByRole('button', { name: 'Issue the invoice' }).click();

  await expect(page).toHaveURL(/\/invoices\/issued\/[0-9a-f-]+$/);
  await expect(page.getByRole('status')).toContainText('The invoice is issued');
  const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const number = title.replace('Invoice ', '').trim();
  expect(number).toMatch(/^F-\d{4}-\d{5}$/);
  await expect(page.locator('[data-intact="true"]')).toBeVisible();
  const shown = await page.locator('code[data-sha256]').getAttribute('data-sha256');

  // The PDF served is the stored file: its SHA-256 is the one shown.
  const pdfUrl = `${new URL(page.url()).pathname}/pdf`;
  const response = await page.request.get(pdfUrl);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-disposition']).toContain(`inline; filename="${number}.pdf"`);
  const pdf = await response.body();
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(shown);
  const download = await page.request.get(`${pdfUrl}?download=1`);
  expect(download.headers()['content-disposition']).toContain('attachment');
  await snapshot(page, `invoice-en-${info.project.name}`);
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  const verifyUrl = (await page.getByRole('link', { name: /\/verify\// }).getAttribute('href')) ?? '';
  expect(verifyUrl).toMatch(/\/verify\/[0-9A-Z]{26}$/);

  // The issued invoice is in the list, and is no draft any more.
  await page.goto('/invoices');
  await expect(page.getByRole('link', { name: number })).toBeVisible();

  // Anyone, signed in or not, verifies the file.
  await page.context().clearCookies();
  await page.goto('/verify');
  await page.getByLabel('PDF file of the invoice').setInputFiles(pdfFile(`${number}.pdf`, pdf));
  await page.getByRole('button', { name: 'Verify the file' }).click();
  await expect(page.locator('[data-verified="true"]')).toContainText('unaltered');
  await expect(page.locator(`[data-number="${number}"]`)).toContainText('108.00');
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await snapshot(page, `verify-en-${info.project.name}`);

  // One byte changed: not an unaltered invoice, and nothing about it is shown.
  const altered = Buffer.from(pdf);
  altered[Math.floor(altered.length / 2)] ^= 0x01;
  await page.goto('/verify');
  await page.getByLabel('PDF file of the invoice').setInputFiles(pdfFile('altered.pdf', altered));
  await page.getByRole('button', { name: 'Verify the file' }).click();
  await expect(page.locator('[data-verified="false"]')).toContainText('No invoice issued with Atelier has exactly this content');
  await expect(page.locator('[data-number]')).toHaveCount(0);
  // Not a PDF at all.
  await page.getByLabel('PDF file of the invoice').setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\x03\x04zip') });
  await page.getByRole('button', { name: 'Verify the file' }).click();
  await expect(page.getByRole('alert')).toHaveText('This file is not a PDF.');
  // By its fingerprint.
  await page.getByLabel('Or its SHA-256 fingerprint').fill(shown ?? '');
  await page.getByRole('button', { name: 'Verify the fingerprint' }).click();
  await expect(page.locator(`[data-number="${number}"]`)).toBeVisible();

  // The address printed on the invoice names it, and checks a file against it.
  await page.goto(new URL(verifyUrl).pathname);
  await expect(page.locator(`[data-number="${number}"]`)).toBeVisible();
  await page.getByLabel('PDF file of the invoice').setInputFiles(pdfFile('altered.pdf', altered));
  await page.getByRole('button', { name: 'Verify the file' }).click();
  await expect(page.locator('[data-verified="false"]')).toContainText('not the invoice of this code');
  await page.goto(`/verify/${'0'.repeat(26)}`);
  await expect(page.getByRole('alert')).toHaveText('No invoice has this verification code.');

  await setLanguage(page, 'fr');
  await page.goto(new URL(verifyUrl).pathname);
  await expect(page.getByRole('heading', { name: 'Vérifier une facture' })).toBeVisible();
  await snapshot(page, `verify-code-fr-${info.project.name}`);
});

test('a manager prepares but cannot issue, and the server refuses a forged issue', async ({ page }) => {
  await login(page, 'manager@demo.example', '/invoices/customers?q=garage');
  await page.getByRole('link', { name: 'Garage des Brotteaux' }).click();
  await page.getByRole('button', { name: 'Start a draft' }).click();
  await expect(page).toHaveURL(/\/invoices\/drafts\/[0-9a-f-]+$/);
  await expect(page.getByRole('button', { name: 'Issue the invoice' })).toHaveCount(0);
  const id = page.url().split('/').pop() ?? '';
  const forged = await page.request.post('/api/issue_draft', { form: { id }, headers: { Accept: 'application/json' } });
  expect(forged.status()).toBe(403);
  await page.getByRole('button', { name: 'Delete this draft' }).click();
  await expect(page).toHaveURL(/\/invoices\/drafts$/);
});

test('an accountant records a partial then a full payment, credits a line, and finds it all in the list and the statement', async ({ page }, info) => {
  // A fresh invoice to the garage: 3 × 40.00 at 20 % = 144.00.
  await login(page, 'accountant@demo.example', '/invoices/customers?q=garage');
  await page.getByRole('link', { name: 'Garage des Brotteaux' }).click();
  await page.getByRole('button', { name: 'Start a draft' }).click();
  await page.getByLabel('Designation').fill('Vidange du compresseur');
  await page.getByLabel('Quantity', { exact: true }).fill('3');
  await page.getByLabel('Unit price excl. VAT').fill('40');
  await page.getByLabel('VAT rate').selectOption('20');
  await page.getByRole('button', { name: 'Add the line' }).click();
  await page.getByRole('button', { name: 'Issue the invoice' }).click();
  await expect(page).toHaveURL(/\/invoices\/issued\/[0-9a-f-]+$/);
  const invoiceUrl = new URL(page.url()).pathname;
  const number = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Invoice ', '').trim();
  await expect(page.locator('[data-settlement]').first()).toHaveText('Issued');

  // More than is due, then in the future: refused, nothing recorded.
  await page.locator('#payment-amount').fill('144.01');
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await expect(page.locator('#payment-amount-error')).toHaveText('More than what remains due.');
  await page.locator('#payment-amount').fill('-5');
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await expect(page.locator('#payment-amount-error')).toContainText('Not a number');
  await expect(page.locator('[data-payment]')).toHaveCount(0);

  // A partial payment by cheque, then the rest by transfer.
  await page.locator('#payment-amount').fill('44');
  await page.locator('#payment-method').selectOption('cheque');
  // Unique: the other project's run shares this server's data.
  const cheque = `CHQ ${info.project.name} ${Date.now()}`;
  await page.locator('#payment-reference').fill(cheque);
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await expect(page.getByRole('status')).toContainText('The payment is recorded.');
  await expect(page.locator('[data-settlement]').first()).toHaveText('Partly paid');
  await expect(page.locator('[data-due]')).toHaveAttribute('data-due', '10000');
  await expect(page.locator('#payment-amount')).toHaveValue('100.00');
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await expect(page.locator('[data-settlement]').first()).toHaveText('Paid');
  await expect(page.locator('[data-payment]')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Record the payment' })).toHaveCount(0);

  // A credit note of one unit: refused without a reason, then issued in its own series.
  await page.locator('#credit-line-1').fill('1');
  await page.getByRole('button', { name: 'Issue the credit note' }).click();
  await expect(page.locator('#credit-reason-error')).toHaveText('Required.');
  await expect(page.locator('#credit-line-1')).toHaveValue('1');
  await page.locator('#credit-line-1').fill('4');
  await page.locator('#credit-reason').fill('Un compresseur en trop');
  await page.getByRole('button', { name: 'Issue the credit note' }).click();
  await expect(page.locator('#credit-line-1-error')).toHaveText('More than what remains to credit on this line.');
  await page.locator('#credit-line-1').fill('1');
  await page.locator('#credit-reason').fill('Un compresseur en trop');
  await page.getByRole('button', { name: 'Issue the credit note' }).click();
  await expect(page).toHaveURL(/\/invoices\/issued\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Credit note AV-\d{4}-\d{5}$/);
  await expect(page.getByRole('link', { name: number })).toBeVisible();
  await expect(page.locator('[data-intact="true"]')).toBeVisible();
  const note = await page.request.get(`${new URL(page.url()).pathname}/pdf`);
  expect(note.headers()['content-type']).toBe('application/pdf');
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await page.goto(invoiceUrl);
  await expect(page.locator('[data-credit-note]')).toHaveCount(1);
  await snapshot(page, `invoice-settled-en-${info.project.name}`);
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }

  // The list: paid, with the totals of what it selects; the customer's statement.
  await page.goto('/invoices');
  await page.getByLabel('Status').selectOption('paid');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/status=paid/);
  await expect(page.locator(`[data-invoice="${number}"]`)).toContainText('Paid');
  await expect(page.locator('[data-invoice]').filter({ hasText: 'Unpaid' })).toHaveCount(0);
  await expect(page.locator('[data-totals]')).toContainText('selected');
  await page.getByRole('link', { name: 'Garage des Brotteaux' }).first().click();
  await expect(page).toHaveURL(/customer=/);
  await expect(page.getByText('Customer: Garage des Brotteaux')).toBeVisible();
  const print = await page.request.get(
    (await page.getByRole('link', { name: /Print these invoices/ }).getAttribute('href')) ?? '',
  );
  expect(print.headers()['content-type']).toBe('application/pdf');
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }

  await page.goto('/invoices/customers?q=garage');
  await page.getByRole('link', { name: 'Garage des Brotteaux' }).click();
  await page.getByRole('link', { name: 'Statement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statement: Garage des Brotteaux');
  await expect(page.locator('[data-entry="statement-payment"]').filter({ hasText: cheque })).toHaveCount(1);
  await expect(page.locator('[data-entry="statement-credit-note"]')).not.toHaveCount(0);
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relevé de compte : Garage des Brotteaux');
  await snapshot(page, `statement-fr-${info.project.name}`);
});

test('a manager reads invoices but neither records a payment nor issues a credit note', async ({ page }) => {
  await login(page, 'manager@demo.example', '/invoices?status=unpaid');
  await page.locator('[data-invoice] a').first().click();
  await expect(page).toHaveURL(/\/invoices\/issued\/[0-9a-f-]+$/);
  await expect(page.locator('[data-settlement]').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the payment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Issue the credit note' })).toHaveCount(0);
  const invoice = page.url().split('/').pop() ?? '';
  const headers = { Accept: 'application/json' };
  const pay = await page.request.post('/api/record_payment', {
    form: { invoice, date: '2026-01-01', amount: '1', method: 'cash', reference: '' },
    headers,
  });
  expect(pay.status()).toBe(403);
  const credit = await page.request.post('/api/issue_credit_note', { form: { invoice, reason: 'x' }, headers });
  expect(credit.status()).toBe(403);
});

test('in Algeria a cash payment bears stamp duty, shown with the payment and on its receipt', async ({ page }, info) => {
  await login(page, 'admin@acme.example', '/invoices?status=paid');
  await page.locator('[data-invoice] a').first().click();
  await expect(page).toHaveURL(/\/invoices\/issued\/[0-9a-f-]+$/);
  const duty = page.locator('td[data-stamp-duty]').first();
  await expect(duty).not.toHaveText(/^0[,.]00/);
  await page.locator('[data-payment] a').first().click();
  await expect(page).toHaveURL(/\/payments\/[0-9a-f-]+$/);
  await expect(page.locator('dd[data-stamp-duty]')).toBeVisible();
  const amount = Number(await page.locator('dd[data-amount]').getAttribute('data-amount'));
  const stamp = Number(await page.locator('dd[data-stamp-duty]').getAttribute('data-stamp-duty'));
  // The 2025 scale: 1 DA per 100 DA (or fraction) up to 30,000 DA, 1.5 DA up to 100,000 DA, 2 DA above, at least 5 DA.
  const hundreds = Math.ceil(amount / 10000);
  const rate = amount <= 3_000_000 ? 100 : amount <= 10_000_000 ? 150 : 200;
  expect(stamp).toBe(amount <= 30000 ? 0 : Math.max(500, hundreds * rate));
  await snapshot(page, `receipt-${info.project.name}`);
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
});
