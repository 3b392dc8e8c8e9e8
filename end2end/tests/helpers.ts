import { expect, Page, TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';

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

/** Runs the admin command line on the data directory of the server under test. */
export function atelier(...args: string[]): string {
  return execFileSync(process.env.E2E_BINARY!, args, {
    env: { ...process.env, ATELIER_DATA_DIR: process.env.E2E_DATA_DIR!, ATELIER_LOG: 'warn', ATELIER_NEW_USER_PASSWORD: DEMO_PASSWORD },
    encoding: 'utf8',
  });
}

/** A company of its own for one test, with one user per given role; returns their e-mails. */
export function companyWith(info: TestInfo, ...roles: string[]): { code: string; emails: Record<string, string> } {
  const code = unique(info, 'e2e-').toLowerCase();
  atelier('tenant', 'create', '--code', code, '--name', `SARL ${code}`, '--country', 'FR');
  const emails: Record<string, string> = {};
  for (const role of roles) {
    emails[role] = `${role}@${code}.example`;
    atelier('user', 'create', '--email', emails[role], '--name', `${role[0].toUpperCase()}${role.slice(1)} ${code}`, '--tenant', code, '--role', role);
  }
  return { code, emails };
}

/** The RFC 6238 code (SHA-1, 30 s, 6 digits) an authenticator app shows, `steps` steps from now. */
export function totp(secretBase32: string, steps = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

/** Signs out through the header's button (or the second-step page's). */
export async function logout(page: Page) {
  await page.getByRole('button', { name: /^(Sign out|Se déconnecter|Cancel and sign out|Annuler et se déconnecter)$/ }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

/** Saves a screenshot when E2E_SCREENSHOTS names a directory (for looking at the pages). */
export async function snapshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** Sets the company's emergency mode from its console page, with a reason. */
export async function setMode(page: Page, mode: string, reason: string) {
  await page.goto('/governance/mode');
  await page.getByLabel('New mode').selectOption(mode);
  await page.getByLabel(/^Reason/).fill(reason);
  await page.getByRole('button', { name: 'Set the mode' }).click();
  await expect(page.getByText('The mode is set; every page now shows it.')).toBeVisible();
}
