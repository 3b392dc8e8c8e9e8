import { expect, test } from './fixtures';
import { DEMO_PASSWORD, atelier, unique } from './helpers';

async function signIn(page: import('@playwright/test').Page, email: string) {
  await page.goto('/login');
  await page.getByLabel(/E-mail address|Adresse e-mail/).fill(email);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
}

test('a tenant created with the CLI works, and once suspended refuses its users with the reason', async ({ page }, info) => {
  const code = unique(info, 'e2e-').toLowerCase();
  const email = `boss@${code}.example`;
  expect(atelier('tenant', 'create', '--code', code, '--name', `SARL ${code}`, '--country', 'FR')).toContain(`created tenant ${code}`);
  expect(atelier('user', 'create', '--email', email, '--name', 'Boss', '--tenant', code, '--role', 'admin')).toContain('admin');
  expect(atelier('tenant', 'list')).toContain(code);

  await signIn(page, email);
  await expect(page.locator('.tenant')).toHaveText(`SARL ${code}`);
  await expect(page.getByText('No site yet', { exact: false })).toHaveCount(0); // home, not sites
  await page.goto('/stock/sites');
  await expect(page.getByText('No site yet. Create the first one below.')).toBeVisible();

  atelier('tenant', 'suspend', code, '--reason', 'Abonnement impayé');
  // The open session is refused at once.
  await page.goto('/stock/sites');
  await expect(page).not.toHaveURL(/\/stock\/sites/);

  await signIn(page, email);
  await expect(page.getByRole('alert')).toHaveText('This company’s access is suspended: Abonnement impayé');

  atelier('tenant', 'activate', code);
  await signIn(page, email);
  await expect(page.locator('.tenant')).toHaveText(`SARL ${code}`);
});

test('the CLI refuses injection-shaped tenant codes (T3)', async ({}, info) => {
  test.skip(info.project.name !== 'js', 'no browser involved');
  for (const bad of ['../x', 'a;b', 'DEMO']) {
    let message = '';
    try {
      atelier('tenant', 'create', '--code', bad, '--name', 'X', '--country', 'FR');
    } catch (e: any) {
      message = String(e.stderr);
    }
    expect(message).toContain('code: invalid-tenant-code');
  }
});
