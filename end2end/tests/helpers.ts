import { expect, Page, TestInfo } from '@playwright/test';

export const DEMO_PASSWORD = 'atelier-demo-2026';

export const hasJs = (info: TestInfo) => info.project.name === 'js';

/** A value unique to this run and project, for records the test creates. */
export const unique = (info: TestInfo, prefix: string) =>
  `${prefix}${info.project.name === 'js' ? 'J' : 'N'}${Date.now().toString(36).slice(-5).toUpperCase()}`;

export async function login(page: Page, email: string, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel(/E-mail address|Adresse e-mail/).fill(email);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
}

/** Switches the interface language with the switch in the page. */
export async function setLanguage(page: Page, lang: 'en' | 'fr') {
  await page.getByRole('button', { name: lang === 'fr' ? 'Français' : 'English' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Waits until the wasm has hydrated the page (so JS-driven behaviour is live). */
export async function waitForHydration(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}
