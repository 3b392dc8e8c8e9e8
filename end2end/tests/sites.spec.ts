import { expect, test } from './fixtures';
import { hasJs, login, setLanguage, unique, waitForHydration } from './helpers';

test('a manager creates and renames a site', async ({ page }, info) => {
  const code = unique(info, 'T');
  await login(page, 'manager@demo.example', '/stock/sites');
  await expect(page.getByRole('heading', { name: 'Sites', level: 1 })).toBeVisible();
  if (hasJs(info)) await waitForHydration(page);

  await page.getByLabel('Code').fill(code.toLowerCase());
  await page.getByLabel('Name', { exact: true }).fill('Dépôt de test');
  await page.getByLabel('City').fill('Villeurbanne');
  await page.getByRole('button', { name: 'Create the site' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Site created.' })).toBeVisible();
  const row = page.locator(`tr[data-site="${code}"]`);
  await expect(row).toContainText('Dépôt de test');
  await expect(row).toContainText('Villeurbanne');

  await row.getByRole('link', { name: code }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dépôt de test');
  if (hasJs(info)) await waitForHydration(page);
  await page.getByLabel('Name', { exact: true }).fill('Dépôt de test renommé');
  await page.getByRole('button', { name: 'Save the name' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Site renamed.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dépôt de test renommé');

  // The change is in the database, not only on screen.
  await page.goto('/stock/sites');
  await expect(page.locator(`tr[data-site="${code}"]`)).toContainText('Dépôt de test renommé');
});

test('invalid input is refused field by field, in French too, and nothing is written', async ({ page }, info) => {
  await login(page, 'manager@demo.example', '/stock/sites');
  if (hasJs(info)) await waitForHydration(page);
  await expect(page.locator('tr[data-site="LYON-01"]')).toBeVisible();
  const rowsBefore = await page.locator('tbody tr').count();

  await page.getByLabel('Code').fill('a;b');
  await page.getByLabel('Name', { exact: true }).fill('   ');
  await page.getByRole('button', { name: 'Create the site' }).click();
  await expect(page.getByRole('alert')).toHaveText('Some fields need your attention.');
  await expect(page.locator('#create-site-code-error')).toHaveText('Use only letters A–Z, digits and hyphens.');
  await expect(page.locator('#create-site-name-error')).toHaveText('Required.');
  await expect(page.getByLabel('Code')).toHaveValue('a;b');

  await setLanguage(page, 'fr');
  if (hasJs(info)) await waitForHydration(page);
  await page.getByLabel('Code').fill('LYON-01');
  await page.getByLabel('Nom', { exact: true }).fill('Doublon');
  await page.getByRole('button', { name: 'Créer le site' }).click();
  await expect(page.getByRole('alert')).toHaveText('Certains champs sont à corriger.');
  await expect(page.locator('#create-site-code-error')).toHaveText('Un autre site utilise déjà ce code.');

  // Past the browser's maxlength: the server refuses an overlong name on its own.
  const overlong = await page.request.post('/api/create_site', {
    form: { code: 'LONG-1', name: 'x'.repeat(101), city: '' },
    headers: { Accept: 'application/json' },
  });
  expect(overlong.status()).toBe(422);
  expect((await overlong.json()).fields).toEqual([{ field: 'name', code: 'too-long' }]);

  await page.goto('/stock/sites');
  await expect(page.locator('tr[data-site="LYON-01"]')).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(rowsBefore);
  await setLanguage(page, 'en');
});

test('the filter works as a form without JavaScript and live with it (hydration)', async ({ page }, info) => {
  await login(page, 'manager@demo.example', '/stock/sites');
  const search = page.getByLabel('Search sites');
  if (hasJs(info)) {
    await waitForHydration(page);
    // Typing filters at once: only the hydrated wasm can do that (no submit, same URL).
    await search.pressSequentially('lyon');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await expect(page).toHaveURL(/\/stock\/sites$/);
    await search.fill('');
    await expect(page.locator('tbody tr[data-site="PARIS-01"]')).toBeVisible();
  } else {
    await search.fill('lyon');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/\?q=lyon$/);
    await expect(page.locator('tbody tr')).toHaveCount(1);
  }
  await expect(page.locator('tbody tr[data-site="LYON-01"]')).toBeVisible();
});

test("a demo user cannot open or rename an acme site by its id (T2)", async ({ browser, page }) => {
  // Find an acme site id as the acme manager.
  const acme = await browser.newContext();
  const acmePage = await acme.newPage();
  await login(acmePage, 'manager@acme.example', '/stock/sites');
  const href = await acmePage.locator('tr[data-site="ALG-01"] a').getAttribute('href');
  const acmeId = href!.split('/').pop()!;
  await acme.close();

  await login(page, 'manager@demo.example');
  await expect(page.locator('.tenant')).toBeVisible();
  await page.goto(`/stock/sites/${acmeId}`);
  await expect(page.locator('[data-error="not-found"]')).toContainText('does not exist');
  expect((await page.request.get(`/stock/sites/${acmeId}`)).status()).toBe(404);

  const rename = await page.request.post('/api/rename_site', {
    form: { id: acmeId, name: 'Pwned' },
    headers: { Accept: 'application/json' },
  });
  expect(rename.status()).toBe(404);
  const fetch = await page.request.post('/api/get_site', { form: { id: acmeId }, headers: { Accept: 'application/json' } });
  expect(fetch.status()).toBe(404);
});

test('read-only roles see sites but no form, and the server refuses their writes', async ({ page }) => {
  await login(page, 'auditor@demo.example', '/stock/sites');
  await expect(page.locator('tr[data-site="LYON-01"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create the site' })).toHaveCount(0);
  const attempt = await page.request.post('/api/create_site', {
    form: { code: 'HACK-1', name: 'Hack', city: '' },
    headers: { Accept: 'application/json' },
  });
  expect(attempt.status()).toBe(403);
  expect((await attempt.json()).code).toBe('forbidden');
});
