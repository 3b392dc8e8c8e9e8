import { expect, test } from './fixtures';
import { atelier, hasJs, login, logout, setLanguage, snapshot } from './helpers';

// The server checks the rules when it starts (and every minute after): the demo's invoice issued
// 45 days ago is then more than 7 days overdue, which alerts admins and accountants.

test('an overdue invoice raises an alert that the accountant sees and acknowledges, and the others see who did', async ({ page }, info) => {
  await login(page, 'accountant@demo.example', '/');
  const bell = page.locator('a.bell');
  await expect(bell).toBeVisible();
  // The first project to look finds it unread; the second finds it read.
  if (hasJs(info)) await expect(bell).not.toHaveAttribute('data-unread', '0');
  await bell.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alerts');
  const overdue = page.locator('tr[data-alert="invoice-overdue"]').filter({ hasText: 'Boulangerie Martin' });
  await expect(overdue).toHaveCount(1);
  await expect(overdue).toContainText('Warning');
  await snapshot(page, `alerts-en-${info.project.name}`);
  // Whichever project runs first acknowledges it (a plain form in both, so both paths are the same).
  const acknowledge = overdue.getByRole('button', { name: 'Acknowledge' });
  if (await acknowledge.count()) {
    await acknowledge.click();
    await expect(page.getByRole('status')).toContainText('Alert acknowledged');
  }
  await expect(overdue).toContainText('Acknowledged by Sophie Bernard');
  await overdue.getByRole('link').click();
  await expect(page).toHaveURL(/\/invoices\/issued\/[0-9a-f-]{36}$/);
  await page.goto('/');
  await expect(bell).toHaveAttribute('data-unread', '0');

  await page.goto('/alerts');
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alertes');
  await expect(page.locator('tr[data-alert="invoice-overdue"]').first()).toContainText('Prise en compte par Sophie Bernard');
  await snapshot(page, `alerts-fr-${info.project.name}`);
  await setLanguage(page, 'en');
  await logout(page);

  // Not addressed to managers; seen, acknowledged, by admins.
  await login(page, 'manager@demo.example', '/alerts');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alerts');
  await expect(page.locator('tr[data-alert^="invoice"]')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Alert rules' })).toHaveCount(0);
  await logout(page);
  await login(page, 'admin@demo.example', '/alerts');
  await expect(page.locator('tr[data-alert="invoice-overdue"]').first()).toContainText('Acknowledged by Sophie Bernard');
  await page.goto('/alerts?show=all');
  await expect(page.getByLabel('Show')).toHaveValue('all');
  await expect(page.getByRole('link', { name: 'Alert rules' })).toBeVisible();
});

test('an admin tunes a rule; a refused one keeps what was typed; the change is audited', async ({ page }, info) => {
  await login(page, 'admin@demo.example', '/alerts/rules');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alert rules');
  const blocked = page.locator('section[data-rule="mission-blocked"]');
  const threshold = blocked.getByLabel('Alert after (minutes)');
  await expect(threshold).toHaveValue('60');

  await threshold.fill('0');
  await blocked.getByRole('button', { name: 'Save the rule' }).click();
  await expect(blocked.locator('.field-error')).toHaveText('The threshold must be above zero.');
  await expect(threshold).toHaveValue('0');

  await threshold.fill('45');
  await blocked.getByRole('checkbox', { name: 'Administrator' }).uncheck();
  await blocked.getByRole('checkbox', { name: 'Manager' }).uncheck();
  await blocked.getByRole('button', { name: 'Save the rule' }).click();
  await expect(blocked.locator('.field-error')).toHaveText('Choose at least one role to notify.');
  await expect(threshold).toHaveValue('45');
  await expect(blocked.getByRole('checkbox', { name: 'Manager' })).not.toBeChecked();

  await blocked.getByRole('checkbox', { name: 'Manager' }).check();
  await blocked.getByRole('button', { name: 'Save the rule' }).click();
  await expect(blocked.getByRole('status')).toHaveText('Rule saved: it applies from the next check.');
  await expect(threshold).toHaveValue('45');
  await expect(blocked).toContainText('Changed by Élise Lambert');
  await snapshot(page, `alert-rules-en-${info.project.name}`);

  // Back to the seed's settings.
  await threshold.fill('60');
  await blocked.getByRole('checkbox', { name: 'Administrator' }).check();
  await blocked.getByRole('button', { name: 'Save the rule' }).click();
  await expect(threshold).toHaveValue('60');

  await page.goto('/settings/audit?kind=alert-rule-changed');
  await expect(page.locator('table').first()).toContainText('mission-blocked: enabled=true threshold=45 severity=WARNING roles=manager');

  await page.goto('/alerts/rules');
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Règles d’alerte');
  await expect(page.locator('section[data-rule="stock-critical"]').getByRole('heading')).toHaveText('Stock au niveau critique');
  await snapshot(page, `alert-rules-fr-${info.project.name}`);
  await setLanguage(page, 'en');
  await logout(page);

  await login(page, 'manager@demo.example', '/alerts/rules');
  await expect(page.locator('[data-error="forbidden"]')).toBeVisible();
});

test('the bell counts a new alert on an open page without a reload, and the command line says what it did', async ({ page }, info) => {
  test.skip(!hasJs(info), 'the count refreshes by itself only with JavaScript');
  test.setTimeout(90_000);
  // The long-overdue rule at one day makes the demo's overdue invoice long overdue too.
  const dry = atelier('alerts', 'run', '--tenant', 'demo', '--dry-run');
  expect(dry).toContain('invoice-long-overdue');
  await login(page, 'admin@demo.example', '/alerts/rules');
  const late = page.locator('section[data-rule="invoice-long-overdue"]');
  await late.getByLabel('Alert after (days)').fill('1');
  await late.getByRole('button', { name: 'Save the rule' }).click();
  await expect(late.getByRole('status')).toBeVisible();
  await page.goto('/alerts');
  await page.goto('/stock');
  const bell = page.locator('a.bell');
  await expect(bell).toHaveAttribute('data-unread', '0');

  const run = atelier('alerts', 'run', '--tenant', 'demo');
  expect(run).toMatch(/invoice-long-overdue\s+1 found, opened 1, closed 0/);
  expect(run).toContain('+ F-');
  await expect(bell).toHaveAttribute('data-unread', '1', { timeout: 45_000 });
  await expect(bell).toContainText('1');

  // Restored, the next check closes it.
  await page.goto('/alerts/rules');
  await late.getByLabel('Alert after (days)').fill('30');
  await late.getByRole('button', { name: 'Save the rule' }).click();
  await expect(late.getByLabel('Alert after (days)')).toHaveValue('30');
  expect(atelier('alerts', 'run', '--tenant', 'demo')).toMatch(/invoice-long-overdue\s+0 found, opened 0, closed 1/);
});
