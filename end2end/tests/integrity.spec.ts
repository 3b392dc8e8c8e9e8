import AxeBuilder from '@axe-core/playwright';
import { Page, TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { atelier, companyWith, hasJs, login, setLanguage, snapshot, waitForHydration } from './helpers';

async function noAxeViolations(page: Page, info: TestInfo) {
  if (!hasJs(info)) return;
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/**
 * Adds 5 units to every stock level of `company`, first as anyone would (refused by the
 * database), then behind its back: its triggers dropped for the statement and created again,
 * as someone with the database file in hand could.
 */
function tamperWithStock(company: string): string {
  const script = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
change = "UPDATE stock_levels SET qty_milli = qty_milli + 5000"
try:
    db.execute(change)
    db.commit()
    print("accepted")
except sqlite3.DatabaseError as refused:
    db.rollback()
    print("refused:", refused)
triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'stock_levels'").fetchall()
for name, _ in triggers:
    db.execute(f"DROP TRIGGER {name}")
db.execute(change)
for _, sql in triggers:
    db.execute(sql)
db.commit()
`;
  return execFileSync('python3', ['-c', script, join(process.env.E2E_DATA_DIR!, 'tenants', `${company}.db`)], { encoding: 'utf8' });
}

/** Runs the check from its page and waits for the run's report (the page refreshes itself). */
async function runCheck(page: Page, violations: string) {
  await page.goto('/governance/integrity');
  await page.getByRole('button', { name: 'Run the check now' }).click();
  await expect(page).toHaveURL(/\/governance\/integrity\/runs\/[0-9a-f-]{36}$/);
  await expect(page.locator('section[data-status="done"]')).toHaveAttribute('data-violations', violations, { timeout: 20_000 });
}

test('the integrity check holds for a company, then reports a stock level changed behind the database’s back, in English and French', async ({ page }, info) => {
  test.setTimeout(90_000);
  const { code, emails } = companyWith(info, 'admin', 'manager', 'auditor');
  // The manager's stock: a site, an article, a receipt of 12.
  await login(page, emails.manager, '/stock/sites');
  if (hasJs(info)) await waitForHydration(page);
  await page.getByLabel('Code').fill('DEPOT');
  await page.getByLabel('Name', { exact: true }).fill('Dépôt');
  await page.getByRole('button', { name: 'Create the site' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Site created.' })).toBeVisible();
  await page.goto('/stock/new-article');
  await page.getByLabel('Code').fill('PERC-1');
  await page.getByLabel('Designation').fill('Perceuse 18 V');
  await page.getByRole('button', { name: 'Create the article' }).click();
  await expect(page.getByText('Article created.')).toBeVisible();
  await page.locator('#receive').getByLabel('Quantity').fill('12');
  await page.locator('#receive').getByLabel('Unit cost').fill('45');
  await page.locator('#receive').getByRole('button', { name: 'Record the receipt' }).click();
  await expect(page.getByText('Receipt recorded.')).toBeVisible();

  // The admin finds the check in the console; nothing has run yet; the first run holds.
  await login(page, emails.admin, '/governance');
  await page.getByRole('link', { name: /^Integrity check/ }).click();
  await expect(page).toHaveURL(/\/governance\/integrity$/);
  await expect(page.getByText('No check has been run yet.')).toBeVisible();
  await runCheck(page, '0');
  await expect(page.getByText('Every rule holds.')).toBeVisible();
  await expect(page.locator('tr[data-rule="stock-levels"]')).toContainText('Holds');
  await noAxeViolations(page, info);
  await snapshot(page, `integrity-holds-${info.project.name}`);

  // A stock level raised by hand: the database refuses it, and what gets past is reported.
  expect(tamperWithStock(code)).toContain('refused: stock levels change only through stock movements');
  await runCheck(page, '1');
  await expect(page.getByRole('alert')).toContainText('One violation found.');
  await expect(page.locator('tr[data-rule="stock-levels"]')).toHaveAttribute('data-violations', '1');
  await expect(page.locator('[data-findings="stock-levels"] li[data-finding="level-quantity"]')).toHaveText(
    'PERC-1 @ DEPOT: the level holds 17, its movements add up to 12.',
  );
  await noAxeViolations(page, info);
  await snapshot(page, `integrity-violated-en-${info.project.name}`);
  await setLanguage(page, 'fr');
  await expect(page.locator('[data-findings="stock-levels"] li')).toHaveText(
    'PERC-1 @ DEPOT : le niveau indique 17, ses mouvements totalisent 12.',
  );
  await expect(page.getByRole('alert')).toContainText('Une anomalie trouvée.');
  await snapshot(page, `integrity-violated-fr-${info.project.name}`);

  // The auditor reads both runs, by the admin, and may run one too.
  await login(page, emails.auditor, '/governance/integrity');
  await setLanguage(page, 'en');
  await expect(page.locator('tr[data-run]')).toHaveCount(2);
  await expect(page.locator('tr[data-run]').first()).toContainText('Violations found');
  await expect(page.locator('tr[data-run]').first()).toContainText(`Admin ${code}`);
  await runCheck(page, '1');

  // The operator's command line says the same, and fails.
  let output = '';
  try {
    atelier('check', '--tenant', code);
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  expect(output).toContain(`${code}: stock-levels VIOLATED (1 checked, 1 violations)`);
  expect(output).toContain('level-quantity PERC-1 @ DEPOT: expected 12, found 17');
  expect(output).toContain(`${code}: ledger ok`);
});
