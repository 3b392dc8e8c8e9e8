import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { login } from './helpers';

test.describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  const pages = [
    ['login', '/login'],
    ['home', '/'],
    ['sites', '/stock/sites'],
    ['security', '/settings/security'],
    ['members', '/settings/users'],
    ['audit log', '/settings/audit'],
    ['company profile', '/settings/company'],
    ['stock hub', '/stock'],
    ['stock list', '/stock/articles'],
    ['new article', '/stock/new-article'],
    ['stock alerts', '/stock/alerts'],
    ['valuation', '/stock/valuation'],
    ['lot trace', '/stock/lots?number=L-2611'],
    ['expiring lots', '/stock/expiring?days=365'],
    ['anomalies', '/stock/anomalies'],
    ['reorder', '/stock/reorder'],
    ['import', '/stock/import'],
    ['invoicing', '/invoices'],
    ['customers', '/invoices/customers'],
    ['new customer', '/invoices/customers/new'],
    ['customer import', '/invoices/customers/import'],
    ['drafts', '/invoices/drafts'],
    ['business events', '/alerts/events'],
    ['alerts', '/alerts'],
    ['alert rules', '/alerts/rules'],
    ['webhooks', '/alerts/webhooks'],
    ['governance', '/governance'],
    ['emergency mode', '/governance/mode'],
    ['security thresholds', '/governance/security'],
    ['feature flags', '/governance/flags'],
    ['retention and a dry run', '/governance/retention?dry_run=session_tokens'],
    ['API tokens', '/governance/tokens'],
    ['personal data and a customer search', '/governance/personal-data?q=lyon'],
    ['integrity check', '/governance/integrity'],
    ['audit chain check', '/settings/audit?verify=1'],
    ['operations dashboard', '/dashboards/operations'],
    ['finance dashboard', '/dashboards/finance'],
    ['platform dashboard', '/dashboards/platform'],
    ['verify (public)', '/verify'],
    ['status (public)', '/status'],
  ] as const;
  const public_ = new Set<string>(['/login', '/verify', '/status']);
  for (const [name, path] of pages) {
    test(`${name} has no violations`, async ({ page }, info) => {
      test.skip(info.project.name !== 'js', 'one pass is enough');
      const admin =
        (path.startsWith('/settings/') && path !== '/settings/security') || path === '/alerts/rules' || path === '/alerts/webhooks' || path.startsWith('/dashboards/') || path.startsWith('/governance');
      if (!public_.has(path)) await login(page, admin ? 'admin@demo.example' : 'manager@demo.example', path);
      else await page.goto(path);
      await expect(page.locator('h1').first()).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  }
});
