import { expect, test } from './fixtures';
import { login } from './helpers';

test('the two-tenant user picks a company, then switches', async ({ page }) => {
  await login(page, 'consultant@atelier.example');
  await expect(page).toHaveURL(/\/select-tenant$/);
  await expect(page.getByRole('heading', { name: 'Choose a company' })).toBeVisible();

  await page.getByRole('button', { name: /ACME Algérie SPA/ }).click();
  await expect(page.locator('.tenant')).toHaveText('ACME Algérie SPA');
  await page.goto('/stock/sites');
  await expect(page.locator('tr[data-site="ALG-01"]')).toBeVisible();
  await expect(page.locator('tr[data-site="LYON-01"]')).toHaveCount(0);

  await page.getByRole('link', { name: 'Switch company' }).click();
  await page.getByRole('button', { name: /Atelier Démo SARL/ }).click();
  await expect(page.locator('.tenant')).toHaveText('Atelier Démo SARL');
  await page.goto('/stock/sites');
  await expect(page.locator('tr[data-site="LYON-01"]')).toBeVisible();
  await expect(page.locator('tr[data-site="ALG-01"]')).toHaveCount(0);
});

test('a tenant code in the URL or a header selects nothing (T1)', async ({ page }) => {
  await login(page, 'manager@demo.example');
  await expect(page.locator('.tenant')).toHaveText('Atelier Démo SARL');
  const response = await page.request.post('/api/list_sites?tenant=acme', {
    headers: { Accept: 'application/json', 'X-Tenant': 'acme' },
    form: { tenant: 'acme' },
  });
  const codes = (await response.json()).map((s: { code: string }) => s.code);
  expect(codes).toContain('LYON-01');
  expect(codes).not.toContain('ALG-01');
  // Choosing a tenant one is not a member of is refused.
  const choose = await page.request.post('/api/select_tenant', {
    form: { tenant: 'acme' },
    headers: { Accept: 'application/json' },
  });
  expect(choose.status()).toBe(401);
  await page.goto('/');
  await expect(page.locator('.tenant')).toHaveText('Atelier Démo SARL');
});
