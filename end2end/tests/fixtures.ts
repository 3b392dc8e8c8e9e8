import { expect, test as base } from '@playwright/test';

/**
 * Every test fails if the browser reports a Content-Security-Policy violation (A28): the pages'
 * scripts, the wasm bundle and the styles must all work under the policy the server sends.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page, baseURL }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        // Only Atelier's pages: the test identity provider's pages have their own policy.
        const ours = baseURL !== undefined && (message.location().url || page.url()).startsWith(baseURL);
        if (ours && /Content[ -]Security[ -]Policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
