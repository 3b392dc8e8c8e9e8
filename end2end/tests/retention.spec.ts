import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { companyWith, hasJs, login, setLanguage, snapshot } from './helpers';

/** Adds `count` sessions of a member, in a company, that ended `daysAgo` days ago, straight into
 *  the server's control database (time cannot be moved for a running server). */
function endedSessions(code: string, email: string, count: number, daysAgo: number) {
  const script = `
import sqlite3, sys, time, uuid
db = sqlite3.connect(sys.argv[1], timeout=30)
(user,) = db.execute("SELECT id FROM users WHERE email = ?", (sys.argv[2],)).fetchone()
ended = int(time.time() * 1000) - int(sys.argv[5]) * 86400000
rows = [(str(uuid.uuid4()), user, "{}", ended, uuid.uuid4().hex[:24], sys.argv[3]) for _ in range(int(sys.argv[4]))]
with db:
    db.executemany("INSERT INTO sessions (id, user_id, data, expires_at_ms, handle, tenant_code) VALUES (?, ?, ?, ?, ?, ?)", rows)
`;
  const python = process.env.ATELIER_PYTHON ?? 'python3';
  const control = join(process.env.E2E_DATA_DIR!, 'control.db');
  execFileSync(python, ['-c', script, control, email, code, String(count), String(daysAgo)]);
}

test('an admin sees what the company holds by age, runs a dry run, confirms the purge of sessions ended over a year ago and follows it to its end', async ({ page }, info) => {
  test.setTimeout(90_000);
  const { code, emails } = companyWith(info, 'admin');
  endedSessions(code, emails.admin, 1500, 400);
  endedSessions(code, emails.admin, 3, 30);
  await login(page, emails.admin, '/governance');
  await page.getByRole('link', { name: /^Data retention/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data retention');
  const sessions = page.locator('tr[data-type="session_tokens"]');
  await expect(sessions.locator('[data-eligible]')).toHaveText('1,500');
  await expect(sessions).toContainText('GDPR art. 5(1)(e)');
  await expect(page.locator('tr[data-type="invoices"]')).toContainText('Code de commerce, art. L123-22');
  await expect(page.locator('tr[data-type="invoices"]')).toContainText('Kept: links of the ledger');
  await expect(page.locator('tr[data-type="deliveries"]')).toContainText('Atelier holds no such data.');

  await sessions.getByRole('link', { name: 'What would a purge delete?' }).click();
  const dry = page.locator('#dry-run');
  await expect(dry).toHaveAttribute('data-rows', '1500');
  await expect(dry).toContainText('1,500 records of “Sessions” are dated before');
  // Not confirmed: refused beside the box, and nothing deleted.
  await dry.getByRole('button', { name: 'Purge now' }).click();
  await expect(page.getByText('Tick the box to confirm that the records will be deleted for good.')).toBeVisible();
  await expect(page.locator('#dry-run')).toHaveAttribute('data-rows', '1500');
  if (hasJs(info)) {
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await snapshot(page, `retention-dry-run-${info.project.name}`);

  await page.getByLabel('I understand that these 1,500 records will be deleted for good.').check();
  await page.getByRole('button', { name: 'Purge now' }).click();
  await expect(page).toHaveURL(/\/governance\/retention\/purges\/[0-9a-f-]+$/);
  const done = page.locator('[data-status="done"]');
  await expect(done).toHaveAttribute('data-deleted', '1500', { timeout: 20_000 });
  await expect(done).toContainText('Done: 1,500 records of “Sessions” dated before');
  await snapshot(page, `retention-purge-done-${info.project.name}`);

  await page.getByRole('link', { name: 'Back to retention' }).click();
  await expect(sessions.locator('[data-eligible]')).toHaveText('0');
  await expect(page.locator('tr[data-status="done"]')).toHaveCount(1);
  // Those ended a month ago stay: they are under their year.
  await page.goto('/governance/retention?dry_run=session_tokens');
  await expect(page.locator('#dry-run')).toHaveAttribute('data-rows', '0');
  await expect(page.getByText('Nothing to purge: nothing is past its retention.')).toBeVisible();

  // What the law or the product keeps is never purged, and the page says why.
  await page.goto('/governance/retention?dry_run=invoices');
  await expect(page.locator('#dry-run [data-refused]')).toHaveText(/^Never purged: invoices and payments are links of the ledger’s hash chain/);
  await expect(page.getByRole('button', { name: 'Purge now' })).toHaveCount(0);

  // Both ends of the purge are in the audit log.
  await page.goto('/settings/audit?kind=retention-purged');
  await expect(page.getByText(/session_tokens: 1500 rows deleted before \d{4}-\d\d-\d\d/)).toBeVisible();
  await page.goto('/settings/audit?kind=retention-purge-started');
  await expect(page.getByText(/session_tokens: 1500 rows before/)).toBeVisible();

  await setLanguage(page, 'fr');
  await page.goto('/governance/retention');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conservation des données');
  await expect(page.locator('tr[data-type="invoices"]')).toContainText('10 ans à compter de la clôture de l’exercice');
  await expect(page.locator('tr[data-status="done"]')).toContainText('Terminée');
  await snapshot(page, `retention-fr-${info.project.name}`);
});

test('an auditor reads the retention table and dry runs but cannot purge', async ({ page }) => {
  endedSessions('demo', 'auditor@demo.example', 2, 500);
  await login(page, 'auditor@demo.example', '/governance/retention?dry_run=session_tokens');
  await expect(page.locator('tr[data-type="security_logs"]')).toBeVisible();
  await expect(page.locator('#dry-run')).toHaveAttribute('data-rows', /^[1-9]/);
  await expect(page.getByText('Only administrators may purge.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Purge now' })).toHaveCount(0);
  const refused = await page.request.post('/api/start_retention_purge', {
    form: { data_type: 'session_tokens', confirm: 'on' },
    headers: { Accept: 'application/json' },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('forbidden');
});
