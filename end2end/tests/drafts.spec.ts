import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { hasJs, login, setLanguage, snapshot } from './helpers';

test('a manager prepares a draft: lines, totals per rate, what it lacks, then deletes it', async ({ page }, info) => {
  await login(page, 'manager@demo.example', '/invoices/customers?q=boulangerie');
  await page.getByRole('link', { name: 'Boulangerie Martin' }).click();
  await page.getByLabel('Operation').selectOption('mixed');
  await page.getByRole('button', { name: 'Start a draft' }).click();
  await expect(page).toHaveURL(/\/invoices\/drafts\/[0-9a-f-]+$/);
  await expect(page.getByRole('status')).toHaveText('Draft started: add its lines.');
  await expect(page.locator('[data-empty]')).toHaveText('No line yet.');

  const add = async (designation: string, quantity: string, price: string, vat: string) => {
    await page.getByLabel('Designation').fill(designation);
    await page.getByLabel('Quantity', { exact: true }).fill(quantity);
    await page.getByLabel('Unit price excl. VAT').fill(price);
    await page.getByLabel('VAT rate').selectOption(vat);
    await page.getByRole('button', { name: 'Add the line' }).click();
  };
  // A refused line says why and keeps what was typed.
  await add('Vis M6', '0', '0.25', '20');
  await expect(page.locator('#line-quantity-error')).toBeVisible();
  await expect(page.getByLabel('Designation')).toHaveValue('Vis M6');
  // A line from an article: its designation, unit, sale price and rate are filled in.
  await page.getByLabel('Article code').fill('nope');
  await page.getByRole('button', { name: 'Fill from the article' }).click();
  await expect(page.locator('#line-article-code-error')).toHaveText('No active article has this code.');
  await page.getByLabel('Article code').fill('vis-m6');
  await page.getByRole('button', { name: 'Fill from the article' }).click();
  await expect(page.getByLabel('Designation')).toHaveValue('Vis M6 × 20 inox');
  await expect(page.getByLabel('Unit price excl. VAT')).toHaveValue('0.25');
  await page.getByLabel('Quantity', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Add the line' }).click();
  await expect(page.getByRole('status')).toHaveText('Line added.');
  await expect(page).toHaveURL(/\/invoices\/drafts\/[0-9a-f-]+$/);
  await expect(page.getByLabel('Designation')).toHaveValue('');
  await add('Pose', '1.5', '45', '20');
  await add('Livre technique', '1', '30', '5.5');
  // 92.50 at 20 % → 18.50; 30.00 at 5.5 % → 1.65: 122.50 + 20.15 = 142.65.
  await expect(page.locator('.grand-totals')).toHaveAttribute('data-total', '14265');
  await expect(page.locator('.grand-totals')).toContainText('142.65');
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await snapshot(page, `draft-en-${info.project.name}`);
  if (hasJs(info)) {
    // axe runs in the page: one pass, with JavaScript.
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }

  await page.getByRole('button', { name: 'Remove line 2' }).click();
  await expect(page.locator('.grand-totals')).toHaveAttribute('data-total', '6165');
  await add('Formation', '1', '100', '0');
  await expect(page.locator('[data-ready="false"]')).toContainText('a VAT exemption wording');
  await page.getByLabel('VAT exemption wording').fill('Exonération de TVA, art. 261-4-4° du CGI');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();

  // A due date before the issue date is refused.
  await page.getByLabel('Due date').fill('2020-01-01');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#draft-due_date-error')).toHaveText('The due date cannot come before the issue date.');

  await setLanguage(page, 'fr');
  await expect(page.locator('.grand-totals')).toContainText('161,65');
  await snapshot(page, `draft-fr-${info.project.name}`);
  await page.getByRole('button', { name: 'Supprimer ce brouillon' }).click();
  await expect(page).toHaveURL(/\/invoices\/drafts$/);
  await expect(page.getByRole('status')).toHaveText('Brouillon supprimé.');
});

test('a customer with a draft cannot be deleted', async ({ page }) => {
  await login(page, 'accountant@demo.example', '/invoices/customers?q=garage');
  await page.getByRole('link', { name: 'Garage des Brotteaux' }).click();
  await page.getByRole('button', { name: 'Start a draft' }).click();
  await expect(page).toHaveURL(/\/invoices\/drafts\/[0-9a-f-]+$/);
  const draft = page.url();
  await page.goto('/invoices/customers?q=garage');
  await page.getByRole('link', { name: 'Garage des Brotteaux' }).click();
  await page.getByRole('button', { name: 'Delete the customer' }).click();
  await expect(page.getByRole('alert').first()).toHaveText(
    'This customer has invoices: it cannot be deleted (the invoices keep its details).',
  );
  await page.goto(draft);
  await page.getByRole('button', { name: 'Delete this draft' }).click();
  await expect(page).toHaveURL(/\/invoices\/drafts$/);
});
