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
