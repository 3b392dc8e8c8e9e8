import { expect, test } from './fixtures';
import { login, setLanguage, snapshot } from './helpers';

test('the stock list shows quantities, values and what is below minimum', async ({ page }, info) => {
  await login(page, 'manager@demo.example');
  await page.getByRole('link', { name: 'Stock', exact: true }).click();
  await page.getByRole('link', { name: 'Stock by article' }).click();
  await expect(page.locator('tr[data-article="VIS-M6"]')).toBeVisible();
  await expect(page.locator('tr[data-article="CAB-R2V"]')).toContainText('below minimum');
  await page.getByLabel('Below minimum only').check();
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/below_min=on/);
  await expect(page.locator('tr[data-article="CAB-R2V"]')).toBeVisible();
  await expect(page.locator('tr[data-article="VIS-M6"]')).toHaveCount(0);
  await snapshot(page, `stock-list-${info.project.name}`);
  await page.goto('/stock/articles?q=zzz-nothing');
  await expect(page.getByText('No article matches.')).toBeVisible();
});

test('a manager receives and withdraws; a withdrawal beyond the stock is refused with both quantities, in English and French', async ({ page }, info) => {
  await login(page, 'manager@demo.example');
  await page.goto('/stock/articles?q=GANT');
  await page.getByRole('link', { name: 'GANT-T9' }).click();
  const lyon = page.locator('tr[data-site="LYON-01"]');
  const before = await lyon.locator('td').nth(1).innerText();

  const receive = page.locator('#receive');
  await receive.getByLabel('Quantity').fill('-3');
  await receive.getByLabel('Unit cost').fill('4,10');
  await receive.getByRole('button', { name: 'Record the receipt' }).click();
  await expect(page.locator('#receive').getByText('Not a quantity')).toBeVisible();
  await page.locator('#receive').getByLabel('Quantity').fill('10');
  await page.locator('#receive').getByLabel('Unit cost').fill('4,10');
  await page.locator('#receive').getByLabel('Lot number').fill('G-E2E');
  await page.locator('#receive').getByRole('button', { name: 'Record the receipt' }).click();
  await expect(page.getByText('Receipt recorded.')).toBeVisible();
  await expect(page.locator('tr[data-site="LYON-01"] td').nth(1)).not.toHaveText(before);

  const withdraw = page.locator('#withdraw');
  await withdraw.getByLabel('Quantity').fill('100000');
  await withdraw.getByRole('button', { name: 'Record the withdrawal' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^Not enough stock: [\d,]+ available, 100,000 requested\. Nothing was recorded\.$/);
  await setLanguage(page, 'fr');
  await page.locator('#withdraw').getByLabel('Quantité').fill('100000');
  await page.locator('#withdraw').getByRole('button', { name: 'Enregistrer la sortie' }).click();
  await expect(page.getByRole('alert')).toContainText('100\u202f000 demandé(s)');
  await snapshot(page, `article-fr-${info.project.name}`);
  await setLanguage(page, 'en');
  await page.locator('#withdraw').getByLabel('Quantity').fill('5');
  await page.locator('#withdraw').getByLabel(/Reason/).fill('Chantier Dupont');
  await page.locator('#withdraw').getByRole('button', { name: 'Record the withdrawal' }).click();
  await expect(page.getByText('Withdrawal recorded.')).toBeVisible();
  await expect(page.locator('tr[data-movement="issue"]').first()).toContainText('Chantier Dupont');
  await snapshot(page, `article-${info.project.name}`);
});

test('a technician withdraws but does not receive; an auditor only reads', async ({ page }) => {
  await login(page, 'technician@demo.example');
  await page.goto('/stock/articles?q=VIS');
  await page.getByRole('link', { name: 'VIS-M6' }).click();
  await expect(page.locator('#withdraw')).toBeVisible();
  await expect(page.locator('#receive')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await login(page, 'auditor@demo.example');
  await page.goto('/stock/articles?q=VIS');
  await page.getByRole('link', { name: 'VIS-M6' }).click();
  await expect(page.locator('tr[data-site="LYON-01"]')).toBeVisible();
  await expect(page.locator('#withdraw')).toHaveCount(0);
  await expect(page.locator('#receive')).toHaveCount(0);
});

test('a manager transfers between sites, records a count, and reverses a mistaken count', async ({ page }) => {
  await login(page, 'manager@demo.example');
  await page.goto('/stock/articles?q=SIL');
  await page.getByRole('link', { name: 'SIL-310' }).click();

  const transfer = page.locator('#transfer');
  await transfer.getByLabel('From').selectOption({ label: 'LYON-01 · Entrepôt Lyon Gerland' });
  await transfer.getByLabel('To').selectOption({ label: 'PARIS-01 · Dépôt Paris Nord' });
  await transfer.getByLabel('Quantity').fill('4');
  await transfer.getByRole('button', { name: 'Record the transfer' }).click();
  await expect(page.getByText('Transfer recorded.')).toBeVisible();
  await expect(page.locator('tr[data-movement="transfer-in"]').first()).toContainText('PARIS-01');

  // A count needs a reason; then the difference is posted.
  await page.locator('#adjust').getByLabel('Site').selectOption({ label: 'PARIS-01 · Dépôt Paris Nord' });
  await page.locator('#adjust').getByLabel('Quantity counted').fill('3');
  await page.locator('#adjust').getByRole('button', { name: 'Record the count' }).click();
  await expect(page.locator('#adjust').getByText('Required.')).toBeVisible();
  await page.locator('#adjust').getByLabel('Site').selectOption({ label: 'PARIS-01 · Dépôt Paris Nord' });
  await page.locator('#adjust').getByLabel(/Reason/).fill('casse');
  await page.locator('#adjust').getByRole('button', { name: 'Record the count' }).click();
  await expect(page.getByText('Count recorded; the difference was posted.')).toBeVisible();
  await expect(page.locator('tr[data-site="PARIS-01"] td').nth(1)).toHaveText('3 u');

  // The count was wrong: reverse it, naming why.
  const latest = page.locator('tr[data-movement="adjustment"]').first();
  await latest.getByLabel('Reason for the reversal').fill('erreur de comptage');
  await latest.getByRole('button', { name: 'Reverse' }).click();
  await expect(page.getByText('Operation reversed.')).toBeVisible();
  await expect(page.locator('tr[data-movement="reversal"]').first()).toContainText('erreur de comptage');
  await expect(page.locator('tr[data-site="PARIS-01"] td').nth(1)).not.toHaveText('3 u');
});
