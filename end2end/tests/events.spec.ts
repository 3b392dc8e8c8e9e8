import { expect, test } from './fixtures';
import { login, setLanguage, snapshot } from './helpers';

test('the business events say what happened, filtered, each linked to its record', async ({ page }, info) => {
  await login(page, 'manager@demo.example', '/alerts');
  await page.getByRole('link', { name: 'Business events' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business events');
  // The demo's emergency, blocked mission and issued invoices were recorded with their cause.
  await expect(page.locator('tr[data-event="emergency-created"]').first()).toContainText('Emergency called in');
  await expect(page.locator('tr[data-event="mission-blocked"]').first()).toBeVisible();
  await expect(page.locator('tr[data-event="invoice-issued"]').first()).toBeVisible();
  await snapshot(page, `events-en-${info.project.name}`);

  await page.getByLabel('Severity').selectOption('critical');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/severity=critical/);
  await expect(page.locator('tr[data-event="mission-blocked"]')).toHaveCount(0);
  // Other tests call emergencies in too: whichever is newest, its link opens that very mission.
  const link = page.locator('tr[data-event="emergency-created"] a').first();
  // The subject is "reference · title"; the mission's heading starts with the same reference.
  const reference = (await link.textContent())!.split(' · ')[0].trim();
  await link.click();
  await expect(page).toHaveURL(/\/missions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);

  await page.goto('/alerts/events?from=2000-01-02&to=2000-01-01');
  await expect(page.getByRole('alert')).toBeVisible();
  await page.goto('/alerts/events?from=2000-01-01&to=2000-01-02');
  await expect(page.locator('[data-empty]')).toHaveText('No event matches these filters.');

  await page.goto('/alerts/events');
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Événements métier');
  await expect(page.locator('tr[data-event="stock-critical"], tr[data-event="emergency-created"]').first()).toBeVisible();
  await snapshot(page, `events-fr-${info.project.name}`);
  await setLanguage(page, 'en');
});

test('a technician reads the stock’s events only', async ({ page }) => {
  await login(page, 'technician@demo.example', '/alerts/events');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business events');
  await expect(page.locator('#events-kind option')).toHaveText(['All', 'Stock at critical level', 'Stock import done']);
  await expect(page.locator('tr[data-event="invoice-issued"]')).toHaveCount(0);
});
