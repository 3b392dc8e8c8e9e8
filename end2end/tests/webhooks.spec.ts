import AxeBuilder from '@axe-core/playwright';
import { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { login, logout, setLanguage, snapshot, unique } from './helpers';

// The receiver (services/tests/support/webhook_receiver.py, started by playwright.config.ts)
// checks each delivery with the Standard Webhooks reference library and refuses replays.
const hooks = process.env.E2E_HOOKS!;

type Received = { id: string; reason: string; status: number; payload?: { type: string; data: Record<string, unknown> } };

async function received(name: string): Promise<Received[]> {
  return (await (await fetch(`${hooks}/received/${name}`)).json()) as Received[];
}

async function axe(page: Page, info: TestInfo) {
  if (info.project.name !== 'js') return;
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test('an admin registers a webhook; an emergency reaches the receiver signed and verified, and is sent again on demand', async ({ page }, info) => {
  test.setTimeout(90_000);
  const name = unique(info, 'ops').toLowerCase();
  await login(page, 'admin@demo.example', '/alerts');
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhooks');
  await axe(page, info);

  // Refused: plain HTTP and no kind; then a private address. What was typed stays.
  const url = page.getByLabel('Address (HTTPS)');
  await url.fill('http://hooks.example.com/in');
  await page.getByRole('button', { name: 'Register the webhook' }).click();
  await expect(page.locator('#webhook-new-url-error')).toHaveText('The address must start with https://.');
  await expect(page.locator('fieldset .field-error')).toHaveText('Choose at least one kind of event.');
  await expect(url).toHaveValue('http://hooks.example.com/in');
  await url.fill('https://192.168.1.20/in');
  await page.getByRole('checkbox', { name: 'Emergency called in' }).check();
  await page.getByRole('button', { name: 'Register the webhook' }).click();
  await expect(page.locator('#webhook-new-url-error')).toContainText('private network');
  await expect(page.getByRole('checkbox', { name: 'Emergency called in' })).toBeChecked();

  // Registered: its page shows the secret, this once.
  await url.fill(`${hooks}/hooks/${name}`);
  await page.getByLabel('Description').fill(`Tests ${name}`);
  await page.getByRole('button', { name: 'Register the webhook' }).click();
  await expect(page).toHaveURL(/\/alerts\/webhooks\/[0-9a-f-]{36}$/);
  const webhookUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('status').first()).toHaveText('Webhook registered.');
  const secret = (await page.locator('[data-webhook-secret] code').textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  await axe(page, info);
  await snapshot(page, `webhook-new-en-${info.project.name}`);
  await fetch(`${hooks}/secret/${name}`, { method: 'PUT', body: secret });
  await page.reload();
  await expect(page.locator('[data-webhook-secret]')).toHaveCount(0);
  await expect(page.locator('[data-empty]')).toContainText('No delivery yet');

  // An emergency recorded: the server sends it within seconds; the receiver verifies it.
  const what = unique(info, 'Coupure ');
  await page.goto('/missions/emergency');
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Boulangerie Martin' });
  await page.getByLabel('Who called').fill('Paul Martin');
  await page.getByLabel('Their phone').fill('04 78 12 34 56');
  await page.getByLabel('What is happening').fill(what);
  await page.getByRole('button', { name: 'Record the emergency' }).click();
  await expect(page).toHaveURL(/\/missions\/[0-9a-f-]{36}$/);
  const mission = new URL(page.url()).pathname.split('/').pop();
  await expect.poll(async () => (await received(name)).map((r) => r.reason), { timeout: 20_000 }).toEqual(['verified']);
  const [first] = await received(name);
  expect(first.payload!.type).toBe('emergency-created');
  expect(first.payload!.data.entity_id).toBe(mission);
  expect(String(first.payload!.data.subject)).toContain(what);

  await page.goto(webhookUrl);
  const row = page.locator('tr[data-delivery]').first();
  await expect(row).toContainText('Delivered');
  await expect(row).toContainText('HTTP 204');
  await expect(row.getByRole('link', { name: new RegExp(what) })).toHaveAttribute('href', `/missions/${mission}`);
  await snapshot(page, `webhook-delivered-en-${info.project.name}`);

  // Sent again: the same id, a new signed timestamp, accepted by the receiver.
  await row.getByRole('button', { name: 'Send again' }).click();
  await expect(page.getByRole('status').first()).toHaveText('The delivery will be sent again within seconds.');
  await expect.poll(async () => (await received(name)).map((r) => r.reason), { timeout: 20_000 }).toEqual(['verified', 'verified']);
  const [, again] = await received(name);
  expect(again.id).toBe(first.id);
  await page.reload();
  await expect(page.locator('tr[data-delivery]').first()).toContainText('sent again once');

  // The list and the page in French.
  await page.goto('/alerts/webhooks');
  await expect(page.locator(`a[href="${webhookUrl}"]`)).toBeVisible();
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { name: 'Enregistrer un webhook' })).toBeVisible();
  await snapshot(page, `webhooks-fr-${info.project.name}`);
  await page.goto(webhookUrl);
  await expect(page.getByRole('heading', { name: 'Envois' })).toBeVisible();
  await expect(page.locator('tr[data-delivery]').first()).toContainText('Livré');
  await snapshot(page, `webhook-fr-${info.project.name}`);
  await setLanguage(page, 'en');
  await page.goto('/alerts/webhooks');
  await snapshot(page, `webhooks-en-${info.project.name}`);
  await axe(page, info);

  // Its audit trail.
  await page.goto('/settings/audit?kind=webhook-delivery-replayed');
  await expect(page.locator('table').first()).toContainText('emergency-created');
  await logout(page);

  // Auditors read, without the forms; managers are not shown webhooks at all.
  await login(page, 'auditor@demo.example', webhookUrl);
  await expect(page.locator('tr[data-delivery]').first()).toContainText('Delivered');
  await expect(page.getByRole('button', { name: 'Send again' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  await logout(page);
  await login(page, 'manager@demo.example', '/alerts');
  await expect(page.getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
  await page.goto('/alerts/webhooks');
  await expect(page.locator('[data-error="forbidden"]')).toBeVisible();
});

test('an admin turns a webhook off, changes what it is sent and replaces its secret', async ({ page }, info) => {
  const name = unique(info, 'edit').toLowerCase();
  await login(page, 'admin@demo.example', '/alerts/webhooks');
  await page.getByLabel('Address (HTTPS)').fill(`${hooks}/hooks/${name}`);
  await page.getByRole('checkbox', { name: 'Payment received' }).check();
  await page.getByRole('button', { name: 'Register the webhook' }).click();
  await expect(page).toHaveURL(/\/alerts\/webhooks\/[0-9a-f-]{36}$/);
  const first = (await page.locator('[data-webhook-secret] code').textContent())!.trim();

  const settings = page.locator('section', { has: page.getByRole('heading', { name: 'Settings' }) });
  await settings.getByRole('checkbox', { name: 'Payment received' }).uncheck();
  await settings.getByRole('button', { name: 'Save the webhook' }).click();
  await expect(settings.locator('fieldset .field-error')).toHaveText('Choose at least one kind of event.');
  await settings.getByRole('checkbox', { name: 'Invoice issued' }).check();
  await settings.getByRole('checkbox', { name: /^Webhook on/ }).uncheck();
  await settings.getByRole('button', { name: 'Save the webhook' }).click();
  await expect(settings.getByRole('status')).toHaveText('Webhook saved.');
  await expect(page.locator('dl.facts')).toContainText('Off');
  await expect(page.locator('dl.facts')).toContainText('Invoice issued');
  await expect(page.locator('dl.facts')).toContainText('Changed by Élise Lambert');

  await page.getByRole('button', { name: 'Replace the secret' }).click();
  const second = (await page.locator('[data-webhook-secret] code').textContent())!.trim();
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
  await expect(page.locator('dl.facts')).toContainText('Secret replaced by Élise Lambert');
});
