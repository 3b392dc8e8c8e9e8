import AxeBuilder from '@axe-core/playwright';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { atelier, companyWith, hasJs, login, setLanguage, setMode, snapshot } from './helpers';

test('an auditor checks the company’s audit chain, downloads it, and the command line checks the file offline', async ({ browser, page }, info) => {
  test.setTimeout(90_000);
  const { code, emails } = companyWith(info, 'admin', 'auditor');
  await login(page, emails.admin, '/governance');
  await setMode(page, 'READ_ONLY', 'Inventory count');
  await setMode(page, 'NORMAL', 'Count done');

  const context = await browser.newContext({ baseURL: info.project.use.baseURL, javaScriptEnabled: hasJs(info), locale: 'en-GB' });
  const auditor = await context.newPage();
  await login(auditor, emails.auditor, '/settings/audit');
  await expect(auditor.locator('[data-chain]')).toHaveCount(0);
  await auditor.getByRole('button', { name: 'Check the chain' }).click();
  await expect(auditor).toHaveURL(/verify=1/);
  await expect(auditor.locator('[data-chain="intact"]')).toContainText('The chain holds: 2 events, each following the one before it.');
  if (hasJs(info)) {
    // axe runs as a script in the page: with JavaScript on only.
    const axe = await new AxeBuilder({ page: auditor }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await snapshot(auditor, `audit-chain-${info.project.name}`);

  // The JSON lines export holds both events with their hashes; the command line checks it
  // without the database, and finds the same head as the page.
  const download = auditor.waitForEvent('download');
  await auditor.getByRole('link', { name: 'Export (JSON lines)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^audit-${code}-\\d{4}-\\d{2}-\\d{2}\\.jsonl$`));
  const saved = join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.jsonl');
  copyFileSync(await file.path(), saved);
  const events = readFileSync(saved, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(events.map((e) => [e.seq, e.kind, e.chain])).toEqual([[1, 'emergency-mode-changed', code], [2, 'emergency-mode-changed', code]]);
  const head = events[1].hash;
  await expect(auditor.locator('[data-chain="intact"] code.hash')).toHaveText(head);
  expect(atelier('audit', 'verify', '--file', saved)).toContain(`OK: chain ${code} — 2 events, head ${head}`);
  expect(atelier('audit', 'verify', '--tenant', code)).toContain(`OK: chain ${code} — 2 events, head ${head}`);

  const csv = auditor.waitForEvent('download');
  await auditor.getByRole('link', { name: 'Export (CSV)' }).click();
  expect((await csv).suggestedFilename()).toMatch(/\.csv$/);

  await setLanguage(auditor, 'fr');
  await auditor.goto('/settings/audit?verify=1');
  await expect(auditor.locator('[data-chain="intact"]')).toContainText('La chaîne est intacte : 2 événements');
  await snapshot(auditor, `audit-chain-fr-${info.project.name}`);
  await context.close();
});
