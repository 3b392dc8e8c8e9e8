import AxeBuilder from '@axe-core/playwright';
import { Browser, Page, TestInfo } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { atelier, companyWith, hasJs, login, setLanguage, snapshot } from './helpers';

async function ownPage(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, javaScriptEnabled: hasJs(info), locale: 'en-GB' });
  return context.newPage();
}

async function noAxeViolations(page: Page, info: TestInfo) {
  if (!hasJs(info)) return;
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** Opens a row's erasure, confirms it if asked (`shot`: a screenshot then), and sends it. */
async function erase(row: ReturnType<Page['locator']>, confirm: boolean, shot?: string) {
  await row.locator('summary').click();
  if (confirm) await row.getByLabel('I understand that this cannot be undone.').check();
  if (shot) await snapshot(row.page(), shot);
  await row.getByRole('button', { name: 'Anonymise for good' }).click();
}

test('an admin exports a member’s data, anonymises a departed member and a customer contact, and nothing the law keeps is lost', async ({ browser, page }, info) => {
  test.setTimeout(90_000);
  const { code, emails } = companyWith(info, 'admin', 'technician', 'manager');
  // A customer of the company, as its manager imports it.
  const manager = await ownPage(browser, info);
  await login(manager, emails.manager, '/invoices/customers/import');
  const csv = join(mkdtempSync(join(tmpdir(), 'customers-')), 'customers.csv');
  writeFileSync(csv, 'kind;legal_name;street;postcode;city;email\nindividual;Renée Dupont;8 rue Ney;69006;Lyon;renee.dupont@example.org\n');
  await manager.getByLabel('CSV file').setInputFiles(csv);
  await manager.getByRole('button', { name: 'Check and import' }).click();
  await expect(manager.getByRole('status')).toHaveText('One customer imported.');

  await login(page, emails.admin, '/governance');
  await page.getByRole('link', { name: /^Personal data/ }).click();
  await expect(page).toHaveURL(/\/governance\/personal-data$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal data');
  await expect(page.locator('tr[data-member]', { hasText: emails.admin })).toContainText('Your own account');
  const technician = () => page.locator('tr[data-member]', { hasText: emails.technician });

  // The export: a JSON file of what the company holds about the technician.
  const download = page.waitForEvent('download');
  await technician().getByRole('link', { name: /^Export the data of/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^personal-data-${code}-[0-9a-f]{8}\\.json$`));
  const exported = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(exported.format).toBe('atelier-personal-data/1');
  expect(exported.exported_by).toBe(emails.admin);
  expect(exported.account.email).toBe(emails.technician);
  expect(exported.companies[0].membership).toMatchObject({ company: code, role: 'technician' });
  expect(JSON.stringify(exported)).not.toContain('argon2');
  await noAxeViolations(page, info);
  await snapshot(page, `personal-data-${info.project.name}`);

  // An erasure must be confirmed; confirmed, it is for good.
  await erase(technician(), false);
  await expect(page.getByText('Tick the box to confirm: an erasure cannot be undone.')).toBeVisible();
  await expect(technician()).toHaveCount(1);
  await erase(technician(), true, `personal-data-confirm-${info.project.name}`);
  await expect(page.getByRole('status')).toHaveText('Member anonymised: the account can no longer sign in, and no longer names the person.');
  await expect(technician()).toHaveCount(0);
  const erased = page.locator('tr[data-member][data-anonymised]');
  await expect(erased).toContainText('Anonymised');
  await expect(erased).toContainText(/anonymised-[0-9a-f-]+@invalid/);
  const gone = await ownPage(browser, info);
  await login(gone, emails.technician);
  await expect(gone.getByRole('alert')).toHaveText('Wrong e-mail address or password.');

  // A customer contact: found, erased; its name no longer finds it, its city does.
  await page.locator('#personal-data-q').fill('dupont');
  await page.getByRole('button', { name: 'Search' }).click();
  const renee = page.locator('tr[data-customer]', { hasText: 'Renée Dupont' });
  await expect(renee).toContainText('renee.dupont@example.org');
  await erase(renee, true);
  await expect(page.getByRole('status')).toHaveText('Customer anonymised.');
  await expect(page.locator('[data-empty]')).toHaveText('No customer matches this search.');
  await page.locator('#personal-data-q').fill('Lyon');
  await page.getByRole('button', { name: 'Search' }).click();
  const anonymous = page.locator('tr[data-customer][data-anonymised]');
  await expect(anonymous).toContainText(/anonymised-[0-9a-f]{8}/);
  await expect(anonymous).toContainText('Anonymised');
  await snapshot(page, `personal-data-erased-${info.project.name}`);

  // Each action is in the company's audit log; the page reads in French too.
  await page.goto('/settings/audit');
  for (const kind of ['Personal data exported', 'Account anonymised', 'Customer anonymised']) {
    await expect(page.locator('table.data')).toContainText(kind);
  }
  await page.goto('/governance/personal-data');
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Données personnelles');
  await expect(page.locator('tr[data-member][data-anonymised]')).toContainText('Anonymisé');
  await snapshot(page, `personal-data-fr-${info.project.name}`);
});

test('the platform operator exports and anonymises an account two companies share; one company’s admin cannot', async ({ page }, info) => {
  const first = companyWith(info, 'admin', 'manager');
  const second = companyWith(info, 'admin');
  const shared = first.emails.manager;
  atelier('user', 'create', '--email', shared, '--tenant', second.code, '--role', 'manager');

  await login(page, first.emails.admin, '/governance/personal-data');
  const row = page.locator('tr[data-member]', { hasText: shared });
  await expect(row).toContainText('Also a member of another company: only the platform operator can erase this account.');
  await expect(row.locator('summary')).toHaveCount(0);

  const out = join(mkdtempSync(join(tmpdir(), 'personal-data-')), 'export.json');
  expect(atelier('personal-data', 'export', shared, '--out', out)).toContain(`written to ${out}`);
  const exported = JSON.parse(readFileSync(out, 'utf8'));
  expect(exported.exported_by).toBe('platform-operator');
  expect(exported.companies.map((c: { membership: { company: string } }) => c.membership.company).sort()).toEqual([first.code, second.code].sort());
  expect(Array.isArray(exported.platform_audit)).toBe(true);
  expect(() => atelier('personal-data', 'anonymise', shared)).toThrow(/--yes/);
  expect(atelier('personal-data', 'anonymise', shared, '--yes')).toMatch(/anonymised: the account is now anonymised-[0-9a-f-]+@invalid/);

  await page.reload();
  await expect(page.locator('tr[data-member]', { hasText: shared })).toHaveCount(0);
  await expect(page.locator('tr[data-member][data-anonymised]')).toHaveCount(1);
});
