import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { companyWith, login, setLanguage, snapshot } from './helpers';

test('a company created with the CLI fills in its profile until it can invoice', async ({ page }, info) => {
  const { code, emails } = companyWith(info, 'admin', 'manager');
  await login(page, emails.admin, '/settings');
  await page.getByRole('link', { name: /Company profile/ }).click();
  await expect(page).toHaveURL(/\/settings\/company$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Company profile');
  await expect(page.getByText('France, amounts in EUR: set when the company was created.', { exact: false })).toBeVisible();
  // Nothing but the name yet: the page says what invoices would lack.
  const lacking = page.locator('[data-ready="false"]');
  await expect(lacking).toContainText('the company’s SIREN');
  await expect(lacking).toContainText('the RCS city (trade register)');
  await expect(page.getByLabel('Legal name')).toHaveValue(`SARL ${code}`);

  // Refusals come back field by field, with what was typed.
  await page.getByLabel('Legal form').fill('SARL');
  await page.getByLabel('Street', { exact: true }).fill('3 quai Saint-Antoine');
  await page.getByLabel('Postcode', { exact: true }).fill('6900');
  await page.getByLabel('City', { exact: true }).fill('Lyon');
  await page.getByLabel('SIREN').fill('732 829 321');
  await page.getByLabel('SIRET (head office)').fill('552 100 554 00013');
  await page.getByLabel('IBAN (or RIB)').fill('FR76 3000 6000 0112 3456 7890 188');
  await page.getByLabel('Payment terms (days)').fill('90');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.locator('#company-postcode-error')).toHaveText('A postcode has 5 digits.');
  await expect(page.locator('#company-siren-error')).toHaveText('This SIREN is not valid: check its digits.');
  await expect(page.locator('#company-bank_account-error')).toHaveText('This IBAN is not valid: check its digits.');
  await expect(page.locator('#company-payment_terms-error')).toHaveText(
    'French law caps payment terms at 60 days from the invoice date.',
  );
  await expect(page.getByLabel('City', { exact: true })).toHaveValue('Lyon');

  // Corrected, it is saved and complete.
  await page.getByLabel('Postcode', { exact: true }).fill('69002');
  await page.getByLabel('SIREN').fill('732 829 320');
  await page.getByLabel('SIRET (head office)').fill('73282932000074');
  await page.getByLabel('VAT number').fill('FR44732829320');
  await page.getByLabel('RCS city (trade register)').fill('Lyon');
  await page.getByLabel('Share capital').fill('15000');
  await page.getByLabel('IBAN (or RIB)').fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByLabel('Payment terms (days)').fill('45');
  await page.getByLabel('Late-payment penalty rate (% a year)').fill('12.5');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Profile saved.');
  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toHaveText('The profile gives everything every invoice needs.');
  await expect(page.getByLabel('IBAN (or RIB)')).toHaveValue('FR76 3000 6000 0112 3456 7890 189');
  await expect(page.getByLabel('Late-payment penalty rate (% a year)')).toHaveValue('12.5');
  await snapshot(page, `company-profile-en-${info.project.name}`);

  // The home page shows the new identity; the audit log names what changed.
  await page.goto('/');
  await expect(page.locator('.company')).toContainText('3 quai Saint-Antoine, 69002 Lyon');
  await page.goto('/settings/audit');
  await expect(page.locator('tbody tr').first()).toContainText('Company profile changed');

  await setLanguage(page, 'fr');
  await page.goto('/settings/company');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profil de l’entreprise');
  await expect(page.getByLabel('Taux des pénalités de retard (% par an)')).toHaveValue('12,5');
  await snapshot(page, `company-profile-fr-${info.project.name}`);
});

test('an admin gives the company a logo, which is re-encoded, and removes it', async ({ page }, info) => {
  const { emails } = companyWith(info, 'admin');
  await login(page, emails.admin, '/settings/company');
  await expect(page.getByText('No logo yet: documents print the company’s name instead.')).toBeVisible();
  const fake = join(tmpdir(), `fake-${info.project.name}.png`);
  writeFileSync(fake, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await page.getByLabel('Image (PNG or JPEG)').setInputFiles(fake);
  await page.getByRole('button', { name: 'Upload the logo' }).click();
  await expect(page.locator('.field-error')).toHaveText('Not a PNG or JPEG image (or a damaged one).');

  const real = join(tmpdir(), `logo-${info.project.name}.png`);
  const onePixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  writeFileSync(real, Buffer.from(onePixel, 'base64'));
  await page.getByLabel('Image (PNG or JPEG)').setInputFiles(real);
  await page.getByRole('button', { name: 'Upload the logo' }).click();
  await expect(page.getByRole('status')).toHaveText('Logo saved.');
  const logo = page.getByRole('img', { name: 'The company’s logo' });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await page.getByRole('button', { name: 'Remove the logo' }).click();
  await expect(page.getByRole('status')).toHaveText('Logo removed.');
  await expect(logo).toHaveCount(0);
});

test('only admins see and change the profile', async ({ page }, info) => {
  const { emails } = companyWith(info, 'manager');
  await login(page, emails.manager, '/settings');
  await expect(page.getByRole('link', { name: /Company profile/ })).toHaveCount(0);
  await page.goto('/settings/company');
  await expect(page.getByRole('alert')).toHaveText('Your role does not allow this action.');
});

test('an Algerian company gives its NIF, NIS, RC and AI', async ({ page }) => {
  await login(page, 'admin@acme.example', '/settings/company');
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await expect(page.getByLabel('NIF')).toHaveValue('000216001234567');
  await expect(page.getByLabel('SIREN')).toHaveCount(0);
  await page.getByLabel('NIF').fill('1234');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.locator('#company-nif-error')).toHaveText('A NIF has 15 digits (20 for a branch).');
});
