import { expect, test } from './fixtures';
import { atelier, companyWith, logout, snapshot } from './helpers';

/** Registers the test provider (npm oidc-provider, started by the Playwright config) for a company. */
function registerProvider(code: string) {
  process.env.ATELIER_SSO_CLIENT_SECRET = 'e2e-client-secret';
  const issuer = process.env.E2E_OIDC_ISSUER!;
  expect(atelier('sso', 'add', '--tenant', code, '--label', 'Test IdP', '--issuer', issuer, '--client-id', 'atelier-e2e')).toContain('added');
}

/** oidc-provider's development sign-in and consent pages (plain forms). */
async function signInAtProvider(page: import('@playwright/test').Page, login: string) {
  await expect(page).toHaveURL(/127\.0\.0\.1:3201\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('whatever the provider accepts');
  await page.locator('button[type="submit"]').click();
  const consent = page.getByRole('button', { name: /Continue/ });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

test('single sign-on through a real OpenID provider links the member by verified e-mail and enters their company', async ({ page }, info) => {
  const { code, emails } = companyWith(info, 'technician');
  registerProvider(code);
  atelier('sso', 'accounts', '--tenant', code, '--link-by-email');

  await page.goto('/login');
  await page.getByText('Sign in with your company’s single sign-on').click();
  await page.getByLabel('Company code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(new RegExp(`company=${code}`));
  await snapshot(page, `login-sso-${info.project.name}`);
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
  await signInAtProvider(page, emails.technician);

  await expect(page.locator('.tenant')).toHaveText(`SARL ${code}`);
  await logout(page);
  // Forget the provider's own session too, so that it asks who is signing in.
  await page.context().clearCookies();

  // Without linking, an unknown identity is refused with a clear message and nothing opens.
  const other = companyWith(info, 'technician');
  registerProvider(other.code);
  await page.goto(`/login?company=${other.code}`);
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
  await signInAtProvider(page, other.emails.technician);
  await expect(page).toHaveURL(/\/login\?sso_error=sso-no-account$/);
  await expect(page.getByRole('alert')).toHaveText('No Atelier account in this company is linked to this identity. Ask your administrator.');
});
