import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { atelier, hasJs, login, setLanguage, snapshot } from './helpers';

const year = new Date().getFullYear().toString();

test('an accountant reads the chain and its closures, downloads the FEC and an archive that verifies offline', async ({ page }, info) => {
  await login(page, 'accountant@demo.example', '/invoices');
  await page.getByRole('link', { name: 'Ledger, closures and exports' }).click();
  await expect(page).toHaveURL(/\/invoices\/ledger$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ledger, closures and exports');
  // The server closed the demo's past days and months when it started.
  await expect(page.locator('[data-head-hash]')).toHaveAttribute('data-head-hash', /^[0-9a-f]{64}$/);
  await expect(page.locator('tr[data-closure]').first()).toBeVisible();

  // Closing: a malformed period, then one not over yet, each refused with its reason.
  await page.getByLabel('Period to close').fill('2026-13');
  await page.getByRole('button', { name: 'Close the period' }).click();
  await expect(page.locator('#close-period-error')).toContainText('Give a day (2026-03-10)');
  await page.getByLabel('Period to close').fill(year);
  await page.getByRole('button', { name: 'Close the period' }).click();
  await expect(page.getByRole('alert')).toContainText('This period is not over yet');

  // The FEC: named after the SIREN and the year's end, its header in the 18 columns.
  const fec = await page.request.get(`/invoices/ledger/fec?year=${year}`);
  expect(fec.status()).toBe(200);
  expect(fec.headers()['content-disposition']).toMatch(new RegExp(`attachment; filename="\\d{9}FEC${year}1231\\.txt"`));
  const fecText = (await fec.body()).toString('latin1');
  expect(fecText.split('\r\n')[0].split('\t')).toHaveLength(18);
  expect(fecText).toMatch(/\r\nVE\tVentes\tVE000001\t/);

  // The archive: a tar that `atelier verify` finds sound, away from any database.
  const tar = await page.request.get(`/invoices/ledger/archive.tar?period=${year}`);
  expect(tar.status()).toBe(200);
  expect(tar.headers()['content-type']).toBe('application/x-tar');
  const dir = mkdtempSync(join(tmpdir(), 'atelier-archive-'));
  writeFileSync(join(dir, 'archive.tar'), await tar.body());
  execFileSync('tar', ['-xf', join(dir, 'archive.tar'), '-C', dir]);
  const verified = atelier('verify', join(dir, `demo-${year}`));
  expect(verified).toMatch(/^OK: /);

  // The accounts: one outside its class is refused, a sub-account is kept.
  await page.getByLabel('Bank', { exact: true }).fill('411');
  await page.getByRole('button', { name: 'Save the accounts' }).click();
  await expect(page.locator('#accounts-bank-error')).toContainText('not in its class');
  await page.getByLabel('Bank', { exact: true }).fill('5121');
  await page.getByRole('button', { name: 'Save the accounts' }).click();
  await expect(page.getByRole('status')).toContainText('Accounts saved.');
  await expect(page.getByLabel('Bank', { exact: true })).toHaveValue('5121');
  await snapshot(page, `ledger-en-${info.project.name}`);
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Journal, clôtures et exports');
  await snapshot(page, `ledger-fr-${info.project.name}`);
  await setLanguage(page, 'en');
});

test('a manager neither opens the ledger nor downloads its files', async ({ page }) => {
  await login(page, 'manager@demo.example', '/invoices');
  await expect(page.getByRole('link', { name: 'Ledger, closures and exports' })).toHaveCount(0);
  for (const path of [`/invoices/ledger/fec?year=${year}`, `/invoices/ledger/archive.tar?period=${year}`, `/invoices/ledger/journal.csv?year=${year}`]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
  const close = await page.request.post('/api/close_period', { form: { period: '2026-01' }, headers: { Accept: 'application/json' } });
  expect(close.status()).toBe(403);
});
