import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { companyWith, hasJs, login, setLanguage, snapshot } from './helpers';

test('an admin sets the thresholds (a value out of range is refused, what was typed kept), the status warns of failed sign-ins, and a manager’s export past the limit is refused', async ({ browser, page }, info) => {
  test.setTimeout(90_000);
  const { emails } = companyWith(info, 'admin', 'manager');
  await login(page, emails.admin, '/governance/security');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security thresholds and status');
  await expect(page.locator('[data-status="failed-sign-ins"] .figure-value')).toHaveText('0');
  await expect(page.locator('[data-status="locked"] .figure-value')).toHaveText('0');

  // A lock of 0 minutes is refused beside its field, and nothing is saved.
  await page.getByLabel('Minutes an account stays locked').fill('0');
  await page.getByLabel('CSV imports, exports and purges an hour').fill('1');
  await page.getByLabel('Warn from this many failed sign-ins in an hour').fill('2');
  await page.getByRole('button', { name: 'Save the thresholds' }).click();
  await expect(page.getByText('Out of the allowed range.')).toBeVisible();
  await expect(page.getByLabel('CSV imports, exports and purges an hour')).toHaveValue('1');
  await page.goto('/governance/security');
  await expect(page.getByLabel('CSV imports, exports and purges an hour')).toHaveValue('20');
  await page.getByLabel('Minutes an account stays locked').fill('20');
  await page.getByLabel('CSV imports, exports and purges an hour').fill('1');
  await page.getByLabel('Warn from this many failed sign-ins in an hour').fill('2');
  await page.getByLabel('Unusual hours start at').fill('21:30');
  await page.getByRole('button', { name: 'Save the thresholds' }).click();
  await expect(page.getByText('Thresholds saved; they apply from the next request.')).toBeVisible();
  await expect(page.getByLabel('Unusual hours start at')).toHaveValue('21:30');

  // Two wrong passwords for the manager: the status warns.
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, javaScriptEnabled: hasJs(info), locale: 'en-GB' });
  const manager = await context.newPage();
  for (let i = 0; i < 2; i++) {
    await manager.goto('/login');
    await manager.getByLabel('E-mail address').fill(emails.manager);
    await manager.getByLabel('Password', { exact: true }).fill('not the password at all');
    await manager.getByRole('button', { name: 'Sign in' }).click();
    await expect(manager.getByRole('alert')).toBeVisible();
  }
  await page.goto('/governance/security');
  const failed = page.locator('[data-status="failed-sign-ins"]');
  await expect(failed.locator('.figure-value')).toHaveText('2');
  await expect(failed).toHaveAttribute('data-alert', 'true');
  await expect(failed.getByRole('alert')).toHaveText('Over the company’s warning threshold.');
  if (hasJs(info)) {
    // axe runs as a script in the page: with JavaScript on only.
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await snapshot(page, `security-status-${info.project.name}`);

  // The manager's first stock export of the hour goes through; the second is refused.
  await login(manager, emails.manager, '/stock');
  await expect(manager).toHaveURL(/\/stock$/);
  expect((await manager.request.get('/stock/articles.csv')).status()).toBe(200);
  const refused = await manager.request.get('/stock/articles.csv', { headers: { Accept: 'application/json' } });
  expect(refused.status()).toBe(429);
  expect((await refused.json()).code).toBe('too-many-bulk-operations');
  await context.close();

  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seuils et état de sécurité');
  await expect(page.getByLabel('Imports, exports CSV et purges par heure')).toHaveValue('1');
  await snapshot(page, `security-status-fr-${info.project.name}`);
});

test('an auditor reads the status and the thresholds but cannot change them', async ({ page }) => {
  await login(page, 'auditor@demo.example', '/governance/security');
  await expect(page.locator('[data-status="mode"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save the thresholds' })).toHaveCount(0);
  await expect(page.getByText('Only administrators change the thresholds.')).toBeVisible();
  await expect(page.getByLabel('Minutes an account stays locked')).toHaveAttribute('readonly', '');
});
