import AxeBuilder from '@axe-core/playwright';
import { Browser, Page, TestInfo } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures';
import { companyWith, hasJs, login, setLanguage, snapshot } from './helpers';

async function ownPage(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, javaScriptEnabled: hasJs(info), locale: 'en-GB' });
  return context.newPage();
}

test('an admin creates an API token, sees it once, drives the governance API with it as curl would, and revokes it', async ({ browser, page }, info) => {
  test.setTimeout(90_000);
  const { emails } = companyWith(info, 'admin', 'manager');
  await login(page, emails.admin, '/governance');
  await page.getByRole('link', { name: /^API tokens/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API tokens');
  await expect(page.getByText('No token yet.')).toBeVisible();

  // A token needs a name; refused, the form comes back as typed.
  await page.getByLabel('Scope').selectOption('admin');
  await page.getByRole('button', { name: 'Create the token' }).click();
  await expect(page.locator('#token-name-error')).toHaveText('Required.');
  await expect(page.getByLabel('Scope')).toHaveValue('admin');
  await page.getByLabel('Name').fill('Supervision');
  await page.getByLabel('Expires after').selectOption('30');
  await page.getByRole('button', { name: 'Create the token' }).click();
  await expect(page.getByText('Token created: copy it now, it is shown this once.')).toBeVisible();
  const token = ((await page.locator('[data-new-token] code').textContent()) ?? '').trim();
  expect(token).toMatch(/^atl_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await snapshot(page, `tokens-new-${info.project.name}`);
  // Shown once: the page does not show it again.
  await page.reload();
  await expect(page.locator('[data-new-token]')).toHaveCount(0);
  const row = page.locator('tr[data-token]');
  await expect(row).toContainText('Supervision');
  await expect(row).toContainText('Administration');
  await expect(row).toContainText('Never');
  await expect(row).toContainText('Active');

  // The API, as a script would call it: the header is the only credential.
  const auth = { Authorization: `Bearer ${token}` };
  const status = await page.request.get('/api/governance/security/status', { headers: auth });
  expect(status.status()).toBe(200);
  expect((await status.json()).modes.company.mode).toBe('NORMAL');
  const readOnly = await page.request.post('/api/governance/security/emergency-mode', {
    headers: auth,
    data: { mode: 'READ_ONLY', reason: 'Inventaire annuel' },
  });
  expect(readOnly.status()).toBe(200);
  // Every member's next page shows it.
  const manager = await ownPage(browser, info);
  await login(manager, emails.manager, '/stock');
  await expect(manager.locator('[data-mode-banner]')).toContainText('Read-only for this company: Inventaire annuel.');
  const flag = await page.request.post('/api/governance/features/toggle', { headers: auth, data: { key: 'auto_reorder_suggestions', enabled: true } });
  expect(flag.status()).toBe(423);
  expect(flag.headers()['content-type']).toBe('application/problem+json');
  expect(await flag.json()).toMatchObject({ code: 'mode-writes-read-only', detail: 'Inventaire annuel', status: 423 });
  const normal = await page.request.post('/api/governance/security/emergency-mode', { headers: auth, data: { mode: 'NORMAL', reason: 'Inventaire fini' } });
  expect(normal.status()).toBe(200);
  await manager.reload();
  await expect(manager.locator('[data-mode-banner]')).toHaveCount(0);

  // Refusals are problem details, in the caller's language.
  const bad = await page.request.post('/api/governance/features/rollout', {
    headers: { ...auth, 'Accept-Language': 'fr-FR' },
    data: { key: 'invoicing', percent: 150 },
  });
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toMatchObject({
    type: 'urn:atelier:problem:validation',
    code: 'validation',
    errors: [{ field: 'percent', code: 'percent-out-of-range', message: 'Indiquez un pourcentage entier de 0 à 100.' }],
  });
  const unknown = await page.request.post('/api/governance/features/toggle', { headers: auth, data: { key: 'invoicing', on: true } });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).detail).toContain('unknown field `on`');

  // Its last use shows; revoked, it opens nothing at once.
  await page.reload();
  await expect(row).not.toContainText('Never');
  await row.getByRole('button', { name: 'Revoke the token Supervision' }).click();
  await expect(page.getByText('Token revoked: it opens nothing any more.')).toBeVisible();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button')).toHaveCount(0);
  const after = await page.request.get('/api/governance/security/status', { headers: auth });
  expect(after.status()).toBe(401);
  expect(after.headers()['www-authenticate']).toContain('invalid_token');
  expect((await after.json()).code).toBe('token-revoked');

  // Both are in the audit log; the token itself never is.
  await page.goto('/settings/audit?kind=api-token-created');
  await expect(page.getByText(/"Supervision" \(admin, 30 days\)/)).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);

  await setLanguage(page, 'fr');
  await page.goto('/governance/tokens');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jetons d’API');
  await expect(row).toContainText('Révoqué');
  await snapshot(page, `tokens-fr-${info.project.name}`);
});

test('an auditor reads the tokens but cannot create nor revoke one', async ({ page }) => {
  await login(page, 'auditor@demo.example', '/governance/tokens');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API tokens');
  await expect(page.getByRole('button', { name: 'Create the token' })).toHaveCount(0);
  const refused = await page.request.post('/api/create_api_token', {
    form: { name: 'Mine', scope: 'admin', days: '30' },
    headers: { Accept: 'application/json' },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('forbidden');
});

test('the OpenAPI document passes an outside OpenAPI 3.1 validator', async ({ request }) => {
  const answer = await request.get('/api/openapi.json');
  expect(answer.status()).toBe(200);
  const doc = await answer.json();
  expect(doc.openapi).toMatch(/^3\.1\./);
  expect(Object.keys(doc.paths)).toContain('/api/governance/retention/purge');
  const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  const python = process.env.ATELIER_PYTHON ?? 'python3';
  const script = 'import json, sys\nfrom openapi_spec_validator import OpenAPIV31SpecValidator, validate\nvalidate(json.load(open(sys.argv[1])), cls=OpenAPIV31SpecValidator)\nprint("valid")';
  expect(execFileSync(python, ['-c', script, file]).toString().trim()).toBe('valid');
});

test('schemathesis drives every route of the document with an admin token and finds nothing the document does not say', async ({ page }, info) => {
  test.skip(info.project.name !== 'js', 'one run is enough: the API has no JavaScript');
  test.setTimeout(180_000);
  // A company of its own: the fuzzer sets its modes, flags and thresholds at random.
  const { emails } = companyWith(info, 'admin');
  await login(page, emails.admin, '/governance/tokens');
  const created = await page.request.post('/api/create_api_token', {
    form: { name: 'Schemathesis', scope: 'admin', days: '30' },
    headers: { Accept: 'application/json' },
  });
  expect(created.status()).toBe(200);
  const token: string = await created.json();
  expect(token).toMatch(/^atl_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  const python = process.env.ATELIER_PYTHON ?? 'python3';
  const base = info.project.use.baseURL!;
  const run = spawnSync(
    join(dirname(python), 'schemathesis'),
    ['--config-file', join(__dirname, '..', 'schemathesis', 'schemathesis.toml'), 'run', `${base}/api/openapi.json`,
      '--url', base, '-H', `Authorization: Bearer ${token}`,
      '--max-examples', '25', '--seed', '20261207', '--no-color'],
    { encoding: 'utf8', timeout: 150_000 },
  );
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/\d+ generated, \d+ passed/);
  // The token opened the API all along: the run was not a string of 401s.
  const still = await page.request.get('/api/governance/features', { headers: { Authorization: `Bearer ${token}` } });
  expect(still.status()).toBe(200);
});
