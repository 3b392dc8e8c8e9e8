import AxeBuilder from '@axe-core/playwright';
import { Browser, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { companyWith, hasJs, login, setLanguage, setMode, snapshot, waitForHydration } from './helpers';

/** A page of its own (its own cookies) with the project's JavaScript setting. */
async function ownPage(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, javaScriptEnabled: hasJs(info), locale: 'en-GB' });
  return context.newPage();
}

test('an admin sets READ_ONLY and a manager’s receipt is refused with the banner’s reason; LOCKDOWN ends the manager’s session', async ({ browser, page }, info) => {
  test.setTimeout(90_000);
  const { emails } = companyWith(info, 'admin', 'manager');
  // The manager prepares a site and an article while the company works normally.
  const manager = await ownPage(browser, info);
  await login(manager, emails.manager, '/stock/sites');
  if (hasJs(info)) await waitForHydration(manager);
  await manager.getByLabel('Code').fill('DEP');
  await manager.getByLabel('Name', { exact: true }).fill('Dépôt');
  await manager.getByRole('button', { name: 'Create the site' }).click();
  await expect(manager.getByRole('status').filter({ hasText: 'Site created.' })).toBeVisible();
  await manager.goto('/stock/new-article');
  await manager.getByLabel('Code').fill('PERC-1');
  await manager.getByLabel('Designation').fill('Perceuse 18 V');
  await manager.getByRole('button', { name: 'Create the article' }).click();
  await expect(manager.getByText('Article created.')).toBeVisible();
  const article = manager.url();
  await expect(manager.locator('[data-mode-banner]')).toHaveCount(0);

  // The admin's console: the mode, a refused change without reason, then READ_ONLY.
  await login(page, emails.admin, '/governance');
  await expect(page.locator('[data-current-mode="NORMAL"]')).toBeVisible();
  await expect(page.locator('[data-section="governance-personal-data"] a')).toHaveAttribute('href', '/governance/personal-data');
  await page.getByRole('link', { name: 'Emergency mode' }).click();
  await page.getByLabel('New mode').selectOption('READ_ONLY');
  await page.getByRole('button', { name: 'Set the mode' }).click();
  await expect(page.locator('#mode-reason-error')).toHaveText('Required.');
  await expect(page.locator('[data-mode-scope="mode-company"]')).toHaveAttribute('data-mode', 'NORMAL');
  await setMode(page, 'READ_ONLY', 'Year-end stock count');
  await expect(page.locator('[data-mode-scope="mode-company"]')).toHaveAttribute('data-mode', 'READ_ONLY');
  await expect(page.locator('[data-mode-banner]')).toContainText('Read-only for this company: Year-end stock count.');
  await snapshot(page, `governance-mode-en-${info.project.name}`);

  // The manager's next page shows the banner; the receipt is refused and nothing is recorded.
  await manager.goto(article);
  await expect(manager.locator('[data-mode-banner]')).toContainText('Year-end stock count');
  await manager.locator('#receive').getByLabel('Quantity').fill('10');
  await manager.locator('#receive').getByLabel('Unit cost').fill('4,10');
  await manager.locator('#receive').getByRole('button', { name: 'Record the receipt' }).click();
  await expect(manager).toHaveURL(/refused=mode/);
  await expect(manager.locator('[data-refused="mode"]')).toHaveText('Your change was not saved: the mode above does not allow it.');
  await expect(manager.locator('[data-mode-banner]')).toContainText('Year-end stock count');
  await expect(manager.locator('tr[data-movement]')).toHaveCount(0);
  if (hasJs(info)) {
    // axe runs as a script in the page: with JavaScript on only.
    const axe = await new AxeBuilder({ page: manager }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await setLanguage(manager, 'fr');
  await expect(manager.locator('[data-mode-banner]')).toContainText('Lecture seule pour cette société : Year-end stock count.');
  await snapshot(manager, `governance-banner-fr-${info.project.name}`);
  await setLanguage(manager, 'en');

  // LOCKDOWN: the manager's session ends; signing in again is refused with the reason.
  await setMode(page, 'LOCKDOWN', 'Suspicious sign-ins');
  await manager.goto('/stock');
  await expect(manager).toHaveURL(/\/login\?ended=mode$/);
  await expect(manager.getByRole('alert')).toContainText('Your session was ended');
  await login(manager, emails.manager);
  await expect(manager.getByRole('alert')).toHaveText(
    'This company is in lockdown: only its administrators can sign in for now. Reason: Suspicious sign-ins',
  );
  // The admin lifts it; the manager is back, with no banner.
  await setMode(page, 'NORMAL', 'Passwords reset');
  await expect(page.locator('[data-mode-banner]')).toHaveCount(0);
  await login(manager, emails.manager, '/stock');
  await expect(manager).toHaveURL(/\/stock$/);
  await expect(manager.locator('[data-mode-banner]')).toHaveCount(0);
  // Every change is in the audit log.
  await page.goto('/settings/audit?kind=emergency-mode-changed');
  await expect(page.locator('table').first().locator('tbody tr')).toHaveCount(3);
  await manager.context().close();
});

test('a manager does not read the console; the mode page says so', async ({ page }) => {
  await login(page, 'manager@demo.example', '/governance');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Governance');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.locator('[data-section]')).toHaveCount(0);
});

test('an admin opens the CSV import, then its kill switch turns it off at once, with the reason where it was', async ({ browser, page }, info) => {
  test.setTimeout(90_000);
  const { emails } = companyWith(info, 'admin', 'manager');
  await login(page, emails.admin, '/governance/flags');
  const flag = page.locator('section[data-flag="bulk_stock_import"]');
  await expect(flag).toHaveAttribute('data-flag-state', 'flag-state-off');
  // A share out of range is refused and nothing changes.
  await flag.getByLabel('On', { exact: true }).check();
  await flag.getByLabel('Share of users (%)').fill('150');
  await flag.getByRole('button', { name: 'Save the feature' }).click();
  await expect(page.locator('section[data-flag="bulk_stock_import"]').getByText('Give a whole percentage from 0 to 100.')).toBeVisible();
  await expect(page.locator('section[data-flag="bulk_stock_import"]')).toHaveAttribute('data-flag-state', 'flag-state-off');
  await page.locator('section[data-flag="bulk_stock_import"]').getByLabel('On', { exact: true }).check();
  await page.locator('section[data-flag="bulk_stock_import"]').getByLabel('Share of users (%)').fill('100');
  await page.locator('section[data-flag="bulk_stock_import"]').getByRole('button', { name: 'Save the feature' }).click();
  await expect(page.getByText('Feature saved.')).toBeVisible();
  await expect(page.locator('section[data-flag="bulk_stock_import"]')).toHaveAttribute('data-flag-state', 'flag-state-on');

  // The manager opens the import form.
  const manager = await ownPage(browser, info);
  await login(manager, emails.manager, '/stock/import');
  await expect(manager.getByRole('button', { name: 'Check and import' })).toBeVisible();

  // The admin stops it: a reason is required.
  const kill = page.locator('section[data-flag="bulk_stock_import"] form.kill-form');
  await kill.getByRole('button', { name: 'Stop it now' }).click();
  await expect(page.locator('section[data-flag="bulk_stock_import"]').getByText('Required.')).toBeVisible();
  await page.locator('section[data-flag="bulk_stock_import"] form.kill-form').getByLabel(/^Reason for stopping it/).fill('Files from the old ERP corrupt lots');
  await page.locator('section[data-flag="bulk_stock_import"] form.kill-form').getByRole('button', { name: 'Stop it now' }).click();
  await expect(page.getByText('Feature stopped for everyone.')).toBeVisible();
  await expect(page.locator('[data-killed="bulk_stock_import"]')).toContainText('Files from the old ERP corrupt lots');
  await snapshot(page, `governance-flags-en-${info.project.name}`);

  // The form the manager already had is refused at the server, and the page says why.
  await manager.getByLabel('What the file holds').selectOption('articles');
  await manager.getByLabel('CSV file').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('code,designation\nKILL-1,Vis\n') });
  await manager.getByRole('button', { name: 'Check and import' }).click();
  await expect(manager.getByText('An administrator stopped this feature for now: Files from the old ERP corrupt lots').first()).toBeVisible();
  await manager.goto('/stock/import');
  await expect(manager.locator('[data-error="feature-killed"]')).toHaveText('An administrator stopped this feature for now: Files from the old ERP corrupt lots');
  await manager.goto('/stock/articles?q=KILL-1');
  await expect(manager.getByText('No article matches.')).toBeVisible();

  // Released, the import is back as it was set.
  await page.locator('section[data-flag="bulk_stock_import"]').getByRole('button', { name: 'Release the kill switch' }).click();
  await expect(page.getByText('Kill switch released')).toBeVisible();
  await manager.goto('/stock/import');
  await expect(manager.getByRole('button', { name: 'Check and import' })).toBeVisible();
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fonctionnalités');
  await snapshot(page, `governance-flags-fr-${info.project.name}`);
  await setLanguage(page, 'en');
  await manager.context().close();
});
