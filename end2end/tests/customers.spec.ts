import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, test } from './fixtures';
import { companyWith, login, setLanguage, snapshot } from './helpers';

test('an accountant creates, corrects, finds and deletes a customer', async ({ page }, info) => {
  const { emails } = companyWith(info, 'accountant');
  await login(page, emails.accountant, '/invoices');
  await page.getByRole('link', { name: 'Customers' }).click();
  await expect(page.locator('[data-empty]')).toHaveText('No customer yet. Create the first one, or import a file.');
  await page.getByRole('link', { name: 'New customer' }).click();

  // A first try with mistakes: every one is named, and what was typed comes back.
  await page.getByLabel('Name or legal name').fill('Boulangerie Martin');
  await page.getByLabel('Street', { exact: true }).fill('4 place Bellecour');
  await page.getByLabel('Postcode', { exact: true }).fill('69002');
  await page.getByLabel('City', { exact: true }).fill('Lyon');
  await page.getByLabel('SIREN').fill('552 100 555');
  await page.getByLabel('Delivery city').fill('Villeurbanne');
  await page.getByLabel('Payment terms (days)').fill('75');
  await page.getByRole('button', { name: 'Create the customer' }).click();
  await expect(page.locator('#customer-siren-error')).toHaveText('This SIREN is not valid: check its digits.');
  await expect(page.locator('#customer-delivery_street-error')).toHaveText('Required.');
  await expect(page.locator('#customer-payment_terms-error')).toHaveText(
    'French law caps payment terms at 60 days from the invoice date.',
  );
  await expect(page.getByLabel('Name or legal name')).toHaveValue('Boulangerie Martin');

  await page.getByLabel('SIREN').fill('552 100 554');
  await page.getByLabel('Delivery city').fill('');
  await page.getByLabel('Payment terms (days)').fill('45');
  await page.getByRole('button', { name: 'Create the customer' }).click();
  await expect(page).toHaveURL(/\/invoices\/customers\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Boulangerie Martin');
  await expect(page.locator('dl.facts')).toContainText('SIREN552 100 554');
  await expect(page.locator('dl.facts')).toContainText('45 days');
  await snapshot(page, `customer-en-${info.project.name}`);

  // Changing it: an individual with a SIREN is refused, then the e-mail is added.
  await page.getByRole('radio', { name: 'Individual' }).check();
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.locator('.field-error').first()).toContainText('An individual has no SIREN');
  await page.getByRole('radio', { name: 'Business' }).check();
  await page.getByLabel('Invoices sent to (e-mail)').fill('compta@martin.example');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.locator('dl.facts')).toContainText('compta@martin.example');

  // Found by its SIREN in the list.
  await page.goto('/invoices/customers?q=552100554');
  await expect(page.locator('[data-customer="Boulangerie Martin"]')).toBeVisible();
  await page.goto('/invoices/customers?q=nothing-like-it');
  await expect(page.locator('[data-empty]')).toHaveText('No customer matches this search.');

  await setLanguage(page, 'fr');
  await page.goto('/invoices/customers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clients');
  await page.getByRole('link', { name: 'Boulangerie Martin' }).click();
  await expect(page.locator('dl.facts')).toContainText('45 jours');
  await snapshot(page, `customer-fr-${info.project.name}`);
  await page.getByRole('button', { name: 'Supprimer le client' }).click();
  await expect(page).toHaveURL(/\/invoices\/customers$/);
  await expect(page.getByRole('status')).toHaveText('Client supprimé.');
});

test('a file of customers is checked line by line, then imported whole', async ({ page }, info) => {
  const { emails } = companyWith(info, 'manager');
  await login(page, emails.manager, '/invoices/customers/import');
  const dir = tmpdir();
  const bad = join(dir, `bad-${info.project.name}.csv`);
  writeFileSync(bad, 'Raison sociale;Adresse;Code postal;Ville\nAlpha SARL;1 rue A;75001;Paris\nBeta;2 rue B;750;Paris\n');
  await page.getByLabel('CSV file').setInputFiles(bad);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await expect(page).toHaveURL(/\/invoices\/customers\/import$/);
  await expect(page.getByRole('alert')).toHaveText('The file has one problem, shown below; nothing was imported.');
  await expect(page.locator('table.data tbody tr')).toHaveText([/3\s*postcode\s*A postcode has 5 digits\./]);
  await snapshot(page, `customer-import-refused-${info.project.name}`);

  const good = join(dir, `good-${info.project.name}.csv`);
  writeFileSync(good, 'Raison sociale;Adresse;Code postal;Ville\nAlpha SARL;1 rue A;75001;Paris\nBeta;2 rue B;75002;Paris\n');
  await page.getByLabel('CSV file').setInputFiles(good);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await expect(page).toHaveURL(/\/invoices\/customers$/);
  await expect(page.getByRole('status')).toHaveText('2 customers imported.');
  await expect(page.locator('tbody tr')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export to CSV' }).click();
  expect((await download).suggestedFilename()).toBe('customers.csv');
});

test('a technician has no access to customers', async ({ page }, info) => {
  const { emails } = companyWith(info, 'technician');
  await login(page, emails.technician, '/invoices/customers');
  await expect(page.getByRole('alert')).toHaveText('Your role does not allow this action.');
});
