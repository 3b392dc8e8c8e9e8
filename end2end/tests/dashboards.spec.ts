import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { hasJs, login, setLanguage, snapshot } from './helpers';

test('the manager’s operations dashboard: figures and charts that link to their lists, in English and French', async ({ page }, info) => {
  await login(page, 'manager@demo.example', '/');
  await page.locator('a[data-dashboard="operations"]').click();
  await expect(page).toHaveURL(/\/dashboards\/operations$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Operations');
  // Only the boards of the manager's role are offered.
  await expect(page.locator('nav.tabs a')).toHaveText(['Operations']);
  await expect(page.locator('[data-figure="stock-value"] .figure-value')).toContainText('€');
  await expect(page.locator('[data-figure="critical"]')).toHaveAttribute('href', '/stock/alerts');

  // Each chart is an SVG beside the table of its figures; the figure is named by its caption.
  const sites = page.getByRole('figure', { name: 'Stock value by site' });
  await expect(sites.locator('svg rect.chart-bar')).toHaveCount(await sites.locator('tbody tr').count());
  await expect(sites.locator('svg')).toHaveAttribute('aria-hidden', 'true');
  const missions = page.getByRole('figure', { name: 'Missions by state' });
  await expect(missions.locator('tbody tr')).toHaveCount(8);
  await expect(page.getByRole('figure', { name: /Hours recorded in the week of/ })).toBeVisible();
  await snapshot(page, `dashboard-operations-en-${info.project.name}`);

  await missions.getByRole('link', { name: 'Published' }).click();
  await expect(page).toHaveURL(/\/missions\?state=published$/);
  await page.goBack();
  await sites.locator('tbody a').first().click();
  await expect(page).toHaveURL(/\/stock\/sites\/[0-9a-f-]{36}$/);

  await page.goto('/dashboards/operations');
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opérations');
  await expect(page.getByRole('figure', { name: 'Valeur du stock par site' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Missions par état' }).locator('tbody tr').first()).toContainText('Nouveau');
  await snapshot(page, `dashboard-operations-fr-${info.project.name}`);
  await setLanguage(page, 'en');

  // Another role's board, and a board that does not exist.
  await page.goto('/dashboards/finance');
  await expect(page.locator('[data-error="forbidden"]')).toBeVisible();
  await page.goto('/dashboards/sales');
  await expect(page.locator('[data-error="not-found"]')).toBeVisible();
});

test('the accountant’s finance dashboard: this month against last, receivables by age, overdue', async ({ page }, info) => {
  await login(page, 'accountant@demo.example', '/dashboards/finance');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finance');
  const ages = page.getByRole('figure', { name: 'Still to be paid, by age of the invoice' });
  await expect(ages.locator('tbody th')).toHaveText(['0 to 30 days', '31 to 60 days', '61 to 90 days', 'More than 90 days']);
  await expect(page.getByRole('figure', { name: 'Invoiced: this month against last' }).locator('svg rect.chart-bar')).toHaveCount(2);
  await expect(page.locator('[data-figure="overdue"]')).toHaveAttribute('href', '/invoices?status=overdue');
  await snapshot(page, `dashboard-finance-en-${info.project.name}`);
  await ages.getByRole('link', { name: '0 to 30 days' }).click();
  await expect(page).toHaveURL(/\/invoices\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto('/dashboards/finance');
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finances');
  await expect(page.getByRole('figure', { name: 'Reste à encaisser, par âge de la facture' }).locator('tbody th').first()).toHaveText('0 à 30 jours');
  await snapshot(page, `dashboard-finance-fr-${info.project.name}`);
  await setLanguage(page, 'en');

  // The figures month by month as a CSV file, for the last twelve months unless told otherwise.
  await expect(page.getByLabel('From the month')).toHaveValue(/^\d{4}-\d{2}$/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the CSV file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^atelier-finance-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('month,invoices_issued,invoiced_net,credit_notes,collected,receivable_at_end,overdue_at_end');
  expect(lines).toHaveLength(13);
  // A month that does not exist comes back to the form with the reason.
  await page.goto('/dashboards/finance/kpis.csv?from=2026-13&to=2026-12');
  await expect(page).toHaveURL(/\/dashboards\/finance\?from=2026-13&to=2026-12/);
  await expect(page.locator('#export-from-error')).toHaveText('Give a month as year and month, for example 2026-01.');

  // Printed, the charts stay and the navigation goes.
  await page.goto('/dashboards/finance');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.topbar')).toBeHidden();
  await expect(page.locator('svg.bar-chart').first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
});

test('the admin’s platform dashboard counts a failed sign-in, live with JavaScript', async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  await login(page, 'admin@demo.example', '/dashboards/platform');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Platform');
  await expect(page.locator('nav.tabs a')).toHaveText(['Operations', 'Finance', 'Platform']);
  await expect(page.locator('nav.tabs a[aria-current="page"]')).toHaveText('Platform');
  await expect(page.getByRole('figure', { name: 'Open alerts by severity' }).locator('tbody th')).toHaveText(['Critical', 'Warning', 'Information']);
  await expect(page.locator('tr[data-flag="invoicing"]')).toBeVisible();
  await snapshot(page, `dashboard-platform-en-${info.project.name}`);

  const failures = page.locator('[data-figure="sign-in-failures"] .figure-value');
  const before = Number((await failures.innerText()).replace(/\D/g, ''));
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto('/login');
  await stranger.getByLabel('E-mail address').fill('auditor@demo.example');
  await stranger.getByLabel(/^Password$/).fill('not the password');
  await stranger.getByRole('button', { name: 'Sign in' }).click();
  await expect(stranger.getByRole('alert')).toBeVisible();
  await other.close();
  if (hasJs(info)) {
    await expect(failures).toHaveText(String(before + 1), { timeout: 45_000 });
  } else {
    await page.reload();
    await expect(failures).toHaveText(String(before + 1));
  }
});
