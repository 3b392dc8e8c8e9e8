import { expect, test } from './fixtures';
import { DEMO_PASSWORD, login, setLanguage } from './helpers';

test('a wrong password gets a translated error and keeps the e-mail (A5)', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('manager@demo.example');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail address or password.');
  await expect(page.getByLabel('E-mail address')).toHaveValue('manager@demo.example');
  await expect(page).toHaveURL(/\/login$/);
});

test('an unknown user gets exactly the same message (A5)', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('nobody@demo.example');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail address or password.');
});

test('the demo manager signs in and sees the home page in English and in French', async ({ page }) => {
  await login(page, 'manager@demo.example');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atelier Démo SARL');
  await expect(page.locator('[data-figure="sites"]')).toHaveText(/^\d+$/);
  await expect(page.getByText(/^Today is \d{1,2} [A-Z][a-z]{2} \d{4}/)).toBeVisible();
  await expect(page.locator('.tenant')).toHaveText('Atelier Démo SARL');

  await setLanguage(page, 'fr');
  await expect(page.getByText(/^Nous sommes le \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Factures' })).toBeVisible();
  await expect(page.getByText('Responsable')).toBeVisible();

  await setLanguage(page, 'en');
  await expect(page.getByRole('link', { name: 'Invoices' })).toBeVisible();
});

test('the language follows Accept-Language when no choice was made', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await context.close();
});

test('a page asked for while signed out comes back after login', async ({ page }) => {
  await page.goto('/stock/sites?q=lyon');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('E-mail address').fill('manager@demo.example');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/stock\/sites\?q=lyon$/);
  await expect(page.getByRole('heading', { name: 'Sites' })).toBeVisible();
});

test('logout ends the session on the server: the old cookie opens nothing (A10)', async ({ page, context }) => {
  await login(page, 'manager@demo.example');
  await expect(page.locator('.tenant')).toBeVisible();
  const before = (await context.cookies()).find((c) => c.name === 'atelier_session');
  expect(before?.httpOnly).toBe(true);
  expect(before?.sameSite).toBe('Lax');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  // Replaying the old cookie gets the login page, not the app.
  await context.addCookies([{ ...before!, value: before!.value }]);
  const replay = await page.request.get('/', { maxRedirects: 0 });
  expect(replay.status()).toBe(303);
  expect(replay.headers()['location']).toBe('/login');
});

test('the session id changes at login (A7)', async ({ page, context }) => {
  await page.goto('/login');
  // A failed attempt creates a pre-login session (it carries the error message).
  await page.getByLabel('E-mail address').fill('manager@demo.example');
  await page.getByLabel('Password', { exact: true }).fill('wrong wrong wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  const preLogin = (await context.cookies()).find((c) => c.name === 'atelier_session');
  await login(page, 'manager@demo.example');
  await expect(page.locator('.tenant')).toBeVisible();
  const afterLogin = (await context.cookies()).find((c) => c.name === 'atelier_session');
  expect(afterLogin?.value).toBeTruthy();
  if (preLogin) expect(afterLogin!.value).not.toBe(preLogin.value);
});

test('every section of the console leads to its page, none says “not available”', async ({ page }) => {
  await login(page, 'admin@demo.example');
  await expect(page.locator('.tenant')).toBeVisible();
  await page.getByRole('link', { name: 'Governance', exact: true }).click();
  await expect(page).toHaveURL(/\/governance$/);
  await expect(page.locator('[data-section] a')).toHaveCount(8);
  await expect(page.locator('[data-section="governance-integrity"] a')).toHaveAttribute('href', '/governance/integrity');
  await expect(page.locator('[data-not-built]')).toHaveCount(0);
  // Alerts are built: their page, no such notice.
  await page.getByRole('link', { name: 'Alerts', exact: true }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alerts');
  await expect(page.locator('[data-not-built]')).toHaveCount(0);
});
