import { expect, test } from './fixtures';
import { setLanguage, snapshot } from './helpers';

test('the public status page says how each component is doing and what the SLO is, in both languages', async ({ page, request }, info) => {
  await page.goto('/status');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Service status');
  await expect(page.locator('tr[data-component="web"]')).toContainText('Working');
  await expect(page.locator('tr[data-component="controldatabase"]')).toContainText('Working');
  await expect(page.locator('tr[data-component="tenantdatabases"]')).toContainText(/\d+ of \d+ answering/);
  await expect(page.locator('tr[data-component="smtp"]')).toContainText('Not configured');
  await expect(page.locator('[data-slo]')).toContainText('Error budget left');
  // No company data: no company's name or code on it.
  await expect(page.locator('body')).not.toContainText('Démo');
  await snapshot(page, `status-en-${info.project.name}`);
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('État du service');
  await expect(page.locator('tr[data-component="web"]')).toContainText('En service');
  await snapshot(page, `status-fr-${info.project.name}`);
  await setLanguage(page, 'en');

  const json = await request.get('/status.json');
  expect(json.status()).toBe(200);
  const body = await json.json();
  expect(body.components.map((c: { kind: string }) => c.kind)).toEqual(['web', 'control-database', 'tenant-databases', 'scheduler', 'smtp']);
  expect(body.slo.target_permille).toBe(995);
  expect(body.slo.window.total).toBeGreaterThanOrEqual(0);
});
