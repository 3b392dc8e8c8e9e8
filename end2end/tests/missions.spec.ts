import AxeBuilder from '@axe-core/playwright';
import { Browser, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { hasJs, login, setLanguage, snapshot, unique } from './helpers';

const PHONE = { width: 390, height: 844 };

async function axe(page: Page, info: TestInfo) {
  if (!hasJs(info)) return;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`)).toEqual([]);
}

/** A signed-in page of its own (its own cookies), as a phone when asked. */
async function signedIn(browser: Browser, info: TestInfo, email: string, phone = false): Promise<Page> {
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    javaScriptEnabled: hasJs(info),
    locale: 'en-GB',
    ...(phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await login(page, email, '/missions');
  await expect(page).toHaveURL(/\/missions$/);
  return page;
}

/** Nothing on the page is wider than the phone, and the page's buttons are large enough to touch. */
async function fitsThePhone(page: Page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(widths[0], 'no horizontal scrolling').toBeLessThanOrEqual(widths[1]);
  for (const button of await page.locator('main button.big, main a.big').all()) {
    const box = await button.boundingBox();
    expect(box!.height, 'a touch target of 44 px at least').toBeGreaterThanOrEqual(44);
  }
}

test('an emergency goes from the call to a technician’s phone, and the manager approves the time', async ({ page, browser }, info) => {
  const what = unique(info, 'Fuite ');

  // The manager records the call; it is published at once and waits on the home page.
  await login(page, 'manager@demo.example', '/missions');
  await axe(page, info);
  await snapshot(page, `missions-en-${info.project.name}`);
  await page.getByRole('link', { name: 'Record an emergency' }).click();
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Boulangerie Martin' });
  await page.getByLabel('Who called').fill('Paul Martin');
  await page.getByLabel('Their phone').fill('call me');
  await page.getByLabel('What is happening').fill(what);
  await page.getByRole('button', { name: 'Record the emergency' }).click();
  await expect(page.locator('#mission-caller_phone-error')).toContainText('telephone number');
  await expect(page.getByLabel('Who called')).toHaveValue('Paul Martin');
  await page.getByLabel('Their phone').fill('04 78 12 34 56');
  await axe(page, info);
  await snapshot(page, `emergency-form-en-${info.project.name}`);
  await page.getByRole('button', { name: 'Record the emergency' }).click();
  await expect(page).toHaveURL(/\/missions\/[0-9a-f-]{36}$/);
  const missionUrl = new URL(page.url()).pathname;
  await expect(page.locator('[data-state]')).toHaveText('Published');
  await expect(page.locator('[data-waiting]')).toContainText('waiting for');
  await page.goto('/');
  await expect(page.locator('.emergencies')).toContainText(what);

  // The technician, on a phone: accepts, starts, records time (a wrong one first), completes.
  const phone = await signedIn(browser, info, 'technician@demo.example', true);
  await phone.getByRole('link', { name: what }).click();
  await fitsThePhone(phone);
  await phone.getByRole('button', { name: 'Accept' }).click();
  await expect(phone.locator('[data-state]')).toHaveText('Assigned');
  await phone.getByRole('button', { name: 'Start' }).click();
  await expect(phone.locator('[data-state]')).toHaveText('In progress');
  await axe(phone, info);
  await snapshot(phone, `mission-phone-en-${info.project.name}`);
  await phone.getByRole('link', { name: 'Record time' }).click();
  await expect(phone).toHaveURL(/\/missions\/time\?mission=/);
  await fitsThePhone(phone);
  await phone.getByLabel('Start', { exact: true }).fill('10:00');
  await phone.getByLabel('End', { exact: true }).fill('09:00');
  await phone.getByRole('button', { name: 'Save' }).click();
  await expect(phone.locator('#time-end-error')).toContainText('The end comes before the start');
  await phone.getByLabel('Start', { exact: true }).fill('');
  await phone.getByLabel('End', { exact: true }).fill('');
  await phone.getByLabel('Duration').fill('0,75');
  await phone.getByLabel('Note').fill(what);
  await phone.getByRole('button', { name: 'Save' }).click();
  await expect(phone.getByRole('status')).toContainText('Time recorded.');
  const entry = phone.locator('li.entry', { hasText: what });
  await expect(entry).toContainText('0h 45m');
  await expect(entry).toContainText('Waiting for approval');
  await fitsThePhone(phone);
  await axe(phone, info);
  await snapshot(phone, `my-time-phone-en-${info.project.name}`);
  await phone.goto(missionUrl);
  await phone.getByLabel('Report of the work done').fill('Joint du robinet d’arrêt changé.');
  await phone.getByRole('button', { name: 'Complete' }).click();
  await expect(phone.locator('[data-state]')).toHaveText('Done');
  await expect(phone.locator('.timeline')).toContainText('Joint du robinet');
  await setLanguage(phone, 'fr');
  await expect(phone.locator('[data-state]')).toHaveText('Terminé');
  await phone.goto('/missions/time');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Mes heures');
  await snapshot(phone, `my-time-phone-fr-${info.project.name}`);
  await setLanguage(phone, 'en');
  await phone.context().close();

  // The manager approves Karim's week; the entry is then locked.
  await page.goto('/missions/time/team');
  const karim = page.locator('section[data-technician="Karim Haddad"]');
  await axe(page, info);
  await snapshot(page, `team-time-en-${info.project.name}`);
  await karim.getByRole('button', { name: /^Approve the/ }).click();
  await expect(page.getByRole('status')).toContainText('Week approved.');
  await expect(page.locator('tr', { hasText: what })).toContainText('Approved');
  await page.goto(missionUrl);
  await expect(page.locator('.timeline li')).toHaveCount(4);
  await axe(page, info);
  await snapshot(page, `mission-en-${info.project.name}`);
  await setLanguage(page, 'fr');
  await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
  await snapshot(page, `mission-fr-${info.project.name}`);
  await page.goto('/missions/time/team');
  await snapshot(page, `team-time-fr-${info.project.name}`);
  await setLanguage(page, 'en');

  // The accountant invoices it: a draft of the approved time at the company's rate, issued;
  // the mission is invoiced with it.
  const accountant = await signedIn(browser, info, 'accountant@demo.example');
  await accountant.goto(missionUrl);
  await accountant.getByRole('button', { name: 'Create the invoice draft' }).click();
  await expect(accountant).toHaveURL(/\/invoices\/drafts\/[0-9a-f-]{36}$/);
  await expect(accountant.locator('main')).toContainText('Main-d’œuvre : Karim Haddad');
  await accountant.getByRole('button', { name: 'Issue the invoice' }).click();
  await expect(accountant).toHaveURL(/\/invoices\/issued\/[0-9a-f-]{36}$/);
  await accountant.goto(missionUrl);
  await expect(accountant.locator('[data-state]')).toHaveText('Invoiced');
  await expect(accountant.getByRole('link', { name: 'Open the mission’s invoice' })).toBeVisible();
  await accountant.context().close();
});

test('a manager plans a mission, which a technician sees only once it is theirs', async ({ page, browser }, info) => {
  const title = unique(info, 'Entretien ');
  await login(page, 'manager@demo.example', '/missions/new');
  await page.getByRole('button', { name: 'Create the mission' }).click();
  await expect(page.locator('#mission-title-error')).toContainText('Required');
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Garage des Brotteaux' });
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Planned day').fill('2026-12-24');
  await page.getByLabel('Planned time').fill('09:30');
  await page.getByLabel('Planned duration').fill('25');
  await page.getByRole('button', { name: 'Create the mission' }).click();
  await expect(page.locator('#mission-planned_duration-error')).toContainText('More than 24 hours');
  await page.getByLabel('Planned duration').fill('2h30');
  await axe(page, info);
  await snapshot(page, `mission-new-en-${info.project.name}`);
  await page.getByRole('button', { name: 'Create the mission' }).click();
  await expect(page.locator('[data-state]')).toHaveText('New');
  await expect(page.locator('address')).toContainText('21 boulevard des Belges');
  const missionUrl = new URL(page.url()).pathname;

  const hugo = await signedIn(browser, info, 'technician2@demo.example');
  await hugo.goto(missionUrl);
  await expect(hugo.getByRole('alert')).toContainText('does not exist, or is not part of your company');
  await page.getByLabel('Add a technician').selectOption({ label: 'Hugo Petit' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('.people')).toContainText('Hugo Petit');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('[data-state]')).toHaveText('Published');
  await hugo.goto('/missions');
  await expect(hugo.getByRole('link', { name: title })).toBeVisible();
  await hugo.context().close();

  // Until it is done, the manager edits it: its title, its time; a refusal keeps what was typed.
  await page.getByRole('link', { name: 'Edit the mission' }).click();
  await expect(page.getByLabel('Planned time')).toHaveValue('09:30');
  await expect(page.getByLabel('Planned duration')).toHaveValue('2:30');
  await page.getByLabel('Title', { exact: true }).fill('');
  await page.getByLabel('Planned time').fill('14:00');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.locator('#mission-title-error')).toContainText('Required');
  await expect(page.getByLabel('Planned time')).toHaveValue('14:00');
  await page.getByLabel('Title', { exact: true }).fill(`${title} (afternoon)`);
  await axe(page, info);
  await snapshot(page, `mission-edit-en-${info.project.name}`);
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page).toHaveURL(new RegExp(`${missionUrl}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('(afternoon)');
  await expect(page.locator('[data-state]')).toHaveText('Published');
  await page.goto(`${missionUrl}/edit`);
  await setLanguage(page, 'fr');
  await expect(page.getByLabel('Heure prévue')).toHaveValue('14:00');
  await snapshot(page, `mission-edit-fr-${info.project.name}`);
  await setLanguage(page, 'en');
  await page.goto(missionUrl);

  // A cancellation needs its reason.
  await page.getByRole('button', { name: 'Cancel the mission' }).click();
  await expect(page.locator('.field-error')).toContainText('Give the reason');
  await page.getByLabel('Reason').fill('Le client a vendu le garage.');
  await page.getByRole('button', { name: 'Cancel the mission' }).click();
  await expect(page.locator('[data-state]')).toHaveText('Cancelled');
  await page.goto(`/missions?state=cancelled&q=${encodeURIComponent(title)}`);
  await expect(page.locator('tr[data-mission]')).toHaveCount(1);
});

test('the week board shows each technician’s missions day by day, and prints', async ({ page }, info) => {
  await login(page, 'manager@demo.example', '/missions/planning');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning');
  await expect(page.locator('table.board tbody th[scope="row"]').first()).toHaveText('Hugo Petit');
  await expect(page.locator('table.board')).toContainText('Dépannage du four à sole');
  await axe(page, info);
  await snapshot(page, `planning-en-${info.project.name}`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.topbar')).toBeHidden();
  await snapshot(page, `planning-print-${info.project.name}`);
  await page.emulateMedia({ media: 'screen' });
  await setLanguage(page, 'fr');
  await expect(page.locator('table.board thead')).toContainText('Technicien');
  await snapshot(page, `planning-fr-${info.project.name}`);
  await setLanguage(page, 'en');
});
