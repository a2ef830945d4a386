// The dev console in headless Debian chromium (playwright-core) against a running mock (buildApp, port 0, with an
// admin token): it shows what the mock holds and moves an order through its life from the page. Every step
// leaves a screenshot in .artifacts/console/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';

const TOKEN = 'e2e-console-token';
const ARTIFACTS = join(process.cwd(), '.artifacts', 'console');
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

let app: FastifyInstance;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function adminGet<T>(path: string, session?: string): Promise<T> {
  const res = await fetch(`${base}${session ? `/s/${session}` : ''}/__mock${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function legacy(path: string, params: Record<string, string>): Promise<{ success: boolean; message: string | null; obj: unknown; token: string | null }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    body: new URLSearchParams(params).toString(),
  });
  return (await res.json()) as { success: boolean; message: string | null; obj: unknown; token: string | null };
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Text of the order page's status chip. */
const orderStatus = () => page.locator('#order-status .chip');
/** Schedule rows of the order page (one per repayment record). */
const scheduleRows = () => page.locator('tr[data-record-id]');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // a fixed, frozen clock: due dates and "a month on" do not depend on the day the test runs
  app = await buildApp({ adminToken: TOKEN, clockStart: '2015-09-01T02:00:00.000Z', callbackDelayMs: 600_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch(CHROMIUM);
  // a fresh, non-persistent context: no user-data directory, nothing shared with another run
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

describe('dev console', () => {
  it('opens with the admin token and keeps it out of the address bar', async () => {
    await page.goto(`${base}/__mock/ui/?token=${TOKEN}#/sms`);
    await expect.poll(() => page.locator('#health').textContent()).toContain('在线');
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.evaluate(() => localStorage.getItem('partywo-mock:admin-token'))).toBe(TOKEN);
    await expect.poll(() => page.locator('#clock-now').textContent()).toContain('2015-09-01 10:00:00');
    await shot('01-opened');
  });

  it('shows the SMS code of a customer registering through the API, newest first, with a copy button', async () => {
    const phone = '13512345678';
    const imageKey = '3f2a9c1e-0b4d-4e8a-9f10-5c6d7e8f9a0b';
    const image = await fetch(`${base}/imageValidate/getImageValidate?image_key=${imageKey}&t=1`);
    expect(image.status).toBe(200);
    const captcha = await adminGet<{ code: string }>(`/captchas/${imageKey}`);
    const sent = await legacy('/message/sendValidateMessage', { phone_number: phone, validate_key: imageKey, validate_code: captcha.code });
    expect(sent.success).toBe(true);
    const { messages } = await adminGet<{ messages: { code: string; phone: string }[] }>(`/sms?phone=${phone}`);
    const code = messages[0]!.code;

    const card = page.locator(`.code-card[data-phone="${phone}"]`);
    await expect.poll(() => card.locator('.code').textContent()).toBe(code);
    expect(await page.locator('.code-card').first().getAttribute('data-phone')).toBe(phone);
    await expect.poll(() => page.locator('#sms-outbox tbody tr').first().textContent()).toContain(code);
    expect(await card.locator('button.copy').getAttribute('data-copy')).toBe(code);

    const registered = await legacy('/user/registerCustomerController', { phone_number: phone, password: 'abc123456', validate_code: code });
    expect(registered.success).toBe(true);
    await shot('02-sms-outbox');
  });

  it('loads "an order awaiting seller approval", approves it twice and disburses it from the page', async () => {
    await page.goto(`${base}/__mock/ui/#/scenarios`);
    const form = page.locator('form[data-scenario="an order awaiting seller approval"]');
    await form.locator('button[type=submit]').click();
    const link = page.locator('#scenario-result a[data-order-id]').first();
    await link.waitFor();
    const orderId = await link.getAttribute('data-order-id');
    expect(orderId).toMatch(/^\d+$/);
    await shot('03-scenario-loaded');

    await link.click();
    await expect.poll(() => orderStatus().textContent()).toContain('商家审核中');
    expect(await orderStatus().getAttribute('data-code')).toBe('100502');
    await expect.poll(() => page.locator('.thumb img').count()).toBeGreaterThan(0);
    expect(await page.locator('#btn-risk-approve').isDisabled()).toBe(true);
    await shot('04-order-seller-review');

    await page.locator('#btn-seller-approve').click();
    await expect.poll(() => orderStatus().textContent()).toContain('风控审核中');
    await expect.poll(() => page.locator('main').textContent()).toContain('商家审批');
    await shot('05-order-risk-review');

    await page.locator('#btn-risk-approve').click();
    await expect.poll(() => orderStatus().textContent()).toContain('待放款');
    await shot('06-order-waiting-for-loan');

    await page.locator('#btn-disburse').click();
    await expect.poll(() => orderStatus().textContent()).toContain('还款中');
    await expect.poll(() => scheduleRows().count()).toBeGreaterThan(0);
    const statuses = await scheduleRows().evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    expect(new Set(statuses)).toEqual(new Set(['101901']));
    expect(await scheduleRows().first().textContent()).toContain('还款中');
    await shot('07-order-repaying');
  });

  it('moves the clock a month (nothing overdue yet), then a day (the first instalment turns overdue)', async () => {
    const orderUrl = page.url();
    const firstDue = await scheduleRows().first().locator('td').nth(1).textContent();
    expect(firstDue).toContain('2015-10-01');

    await page.goto(`${base}/__mock/ui/#/clock`);
    await expect.poll(() => page.locator('#clock-big').textContent()).toContain('2015-09-01 10:00:00');
    await page.locator('#clock-month').click();
    await expect.poll(() => page.locator('#clock-big').textContent()).toContain('2015-10-01 10:00:00');
    await expect.poll(() => page.locator('#overdue-report').textContent()).toContain('转为逾期 0 条');
    await shot('08-clock-plus-month');

    await page.locator('#clock-day').click();
    await expect.poll(() => page.locator('#clock-big').textContent()).toContain('2015-10-02 10:00:00');
    await expect.poll(() => page.locator('#overdue-report').textContent()).toContain('转为逾期 1 条');
    const changed = page.locator('#overdue-report tbody tr').first();
    expect(await changed.textContent()).toContain('已逾期');
    expect(await changed.textContent()).toContain('2015-10-01');
    await shot('09-clock-overdue');

    await page.goto(orderUrl);
    await expect.poll(() => orderStatus().textContent()).toContain('已逾期');
    expect(await scheduleRows().first().getAttribute('data-status')).toBe('101903');
  });

  it('pays the overdue instalment from the page; after the callback the schedule shows it paid', async () => {
    const first = scheduleRows().first();
    const recordId = await first.getAttribute('data-record-id');
    await first.locator('button').click();
    // the payment is in flight until the platform calls back (600 s here): the page lists it
    await expect.poll(() => page.locator('#pay-log').textContent(), { timeout: 30_000 }).toContain('#43');
    await expect.poll(() => page.locator('.card', { hasText: 'Payments in flight' }).textContent()).toContain(String(recordId));
    expect(await first.getAttribute('data-status')).not.toBe('101902');
    await shot('10-payment-in-flight');

    await page.locator('#btn-flush').click();
    await expect.poll(() => page.locator(`tr[data-record-id="${recordId}"]`).getAttribute('data-status')).toBe('101902');
    expect(await page.locator(`tr[data-record-id="${recordId}"]`).textContent()).toContain('已还款');
    await expect.poll(() => orderStatus().textContent()).toContain('还款中');
    expect(await scheduleRows().nth(1).getAttribute('data-status')).toBe('101901');
    await shot('11-instalment-paid');

    const ledger = await adminGet<{ entries: { repaymentRecordId?: string; kind: string }[] }>('/ledger');
    expect(ledger.entries.filter((e) => e.kind === 'repayment' && e.repaymentRecordId === recordId)).toHaveLength(1);
  });

  it('lists every order of the session (GET /__mock/orders), filtered by status, company and customer', async () => {
    type Row = { orderId: string; customerId: string; companyId: string; status: string };
    // a draft of another company beside the loan: every filter below leaves it out
    const draft = await fetch(`${base}/__mock/scenarios/${encodeURIComponent('an order in draft')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ companyId: '20150901000002' }),
    });
    expect(draft.status).toBe(200);
    const all = await adminGet<{ total: number; orders: Row[] }>('/orders');
    expect(all.orders.map((o) => o.status).sort()).toEqual(['100501', '100507']);
    const loan = all.orders.find((o) => o.status === '100507')!;
    expect(loan).toBeDefined();
    await page.goto(`${base}/__mock/ui/#/orders`);
    const rows = page.locator('tr[data-order-id]');
    await expect.poll(() => rows.evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.orderId))).toEqual(all.orders.map((o) => o.orderId));
    await expect.poll(() => page.locator('main').textContent()).toContain(`共 ${all.total}`);
    expect(await page.locator(`tr[data-order-id="${loan.orderId}"]`).textContent()).toContain('还款中');

    await page.locator('#filter-status').selectOption('100500');
    await expect.poll(() => page.url()).toContain('status=100500');
    const loans = await adminGet<{ orders: Row[] }>('/orders?status=100500');
    await expect.poll(() => rows.evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.orderId))).toEqual(loans.orders.map((o) => o.orderId));
    await page.locator('#filter-company').selectOption(loan.companyId);
    await expect.poll(() => page.url()).toContain(`companyId=${loan.companyId}`);
    await page.locator('#filter-customer').fill(loan.customerId);
    await page.locator('#filter-customer').dispatchEvent('change');
    await expect.poll(() => rows.evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.orderId))).toEqual([loan.orderId]);
    await shot('11b-orders');

    await page.locator(`tr[data-order-id="${loan.orderId}"] a`).first().click();
    await expect.poll(() => orderStatus().textContent()).toContain('还款中');
  });

  it('shows the legacy calls in the request journal, unknown parameters highlighted', async () => {
    const products = await legacy('/order/queryProductController', { companyId: '20150901000001', debugFlag: 'on' });
    expect(products.success).toBe(true);
    await page.goto(`${base}/__mock/ui/#/journal`);
    const journal = page.locator('#journal');
    await expect.poll(() => journal.textContent()).toContain('queryProduct');
    const row = page.locator('#journal tr.entry', { hasText: 'queryProduct' }).first();
    expect(await row.locator('.param.unknown').textContent()).toContain('debugFlag=on');
    expect(await row.locator('.param:not(.unknown)').first().textContent()).toContain('companyId=20150901000001');
    expect(await row.textContent()).toContain('success:true');
    const text = await journal.textContent();
    expect(text).toContain('smsConfirm');
    expect(text).toContain('#43');
    expect(text).not.toContain('/__mock/sms'); // admin reads (the console's own polling) are not journaled
    expect(text).toContain('/__mock/clock'); // admin changes are
    await page.locator('#journal-filter').fill('loanByOrderId');
    await expect.poll(() => journal.textContent()).toContain('#34');
    expect(await page.locator('#journal tr.entry').count()).toBe(1);
    await page.locator('#journal-filter').fill('');
    await shot('12-journal');
  });

  it('moves the clock to the next due date, and round-trips the state through a snapshot file and a reset', async () => {
    await page.goto(`${base}/__mock/ui/#/clock`);
    await page.locator('#clock-next-due').click();
    // instalment 1 is paid: the next open one falls due on 2015-11-01; the clock stops at the start of that day
    await expect.poll(() => page.locator('#clock-big').textContent()).toContain('2015-11-01 00:00:00');
    await expect.poll(() => page.locator('#overdue-report').textContent()).toContain('转为逾期 0 条');

    await page.goto(`${base}/__mock/ui/#/scenarios`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#btn-download').click()]);
    const file = join(ARTIFACTS, 'state-snapshot.json');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^partywo-mock-state-default-.*\.json$/);

    page.once('dialog', (d) => void d.accept());
    await page.locator('#btn-reset').click();
    await expect.poll(() => page.locator('#clock-now').textContent()).toContain('2015-09-01 10:00:00');
    const afterReset = await adminGet<{ entries: unknown[] }>('/ledger');
    expect(afterReset.entries).toHaveLength(0);

    await page.locator('#state-file').setInputFiles(file);
    await page.locator('#btn-upload').click();
    await expect.poll(() => page.locator('#clock-now').textContent()).toContain('2015-11-01 00:00:00');
    const restored = await adminGet<{ entries: { kind: string }[] }>('/ledger');
    expect(restored.entries.some((e) => e.kind === 'repayment')).toBe(true);
    await shot('13-snapshot-restored');
  });

  it('adds a forced failure for queryProduct from the faults page, lists it, and clears it again', async () => {
    const query = () => legacy('/order/queryProductController', { companyId: '20150901000001' });
    const message = '产品服务维护中,请稍后再试';
    expect((await query()).success).toBe(true);
    await page.goto(`${base}/__mock/ui/#/faults`);
    const faults = page.locator('#faults');
    await expect.poll(() => faults.textContent()).toContain('没有故障规则');

    await page.locator('#fault-op').selectOption('queryProduct');
    await page.locator('#fault-message').fill(message);
    await page.locator('#btn-add-fault').click();
    const rules = page.locator('#faults tbody tr:not(.empty)');
    await expect.poll(() => rules.count()).toBe(1);
    const listed = await adminGet<{ faults: { id: string; operationId?: string; failure?: { message: string } }[] }>('/faults');
    expect(listed.faults).toHaveLength(1);
    expect(listed.faults[0]).toMatchObject({ operationId: 'queryProduct', failure: { message } });
    const row = (await rules.first().textContent()) ?? '';
    expect(row).toContain(listed.faults[0]!.id);
    expect(row).toContain('queryProduct');
    expect(row).toContain(message);
    await shot('15-fault-added');

    const failed = await query();
    expect(failed.success).toBe(false);
    expect(failed.message).toBe(message);
    expect(failed.obj).toBeNull();
    // only queryProduct faults: another operation still answers
    expect((await legacy('/baseCodeController/getBankCode', {})).success).toBe(true);

    await page.locator('#btn-clear-faults').click();
    await expect.poll(() => faults.textContent()).toContain('没有故障规则');
    expect(await rules.count()).toBe(0);
    expect((await adminGet<{ faults: unknown[] }>('/faults')).faults).toHaveLength(0);
    expect((await query()).success).toBe(true);
    await shot('16-faults-cleared');
  });

  it('switches to a new session from the page; its scenario and SMS stay out of the default session', async () => {
    type Row = { orderId: string };
    const name = 'e2e-alice';
    const phone = '13698765432';
    const defaultOrders = await adminGet<{ total: number; orders: Row[] }>('/orders');
    const defaultClock = await adminGet<{ now: string }>('/clock');

    await page.goto(`${base}/__mock/ui/#/faults`);
    await expect.poll(() => page.locator('#current-session').textContent()).toBe('default');
    await page.locator('#new-session').fill(name);
    await page.locator('#new-session').press('Enter');
    await expect.poll(() => page.locator('#current-session').textContent()).toBe(name);
    expect(await page.locator('#session').inputValue()).toBe(name);
    await expect.poll(() => page.locator('ul.sessions li.current b').first().textContent()).toBe(name);
    // the header shows the new session's clock (the seeded start), not default's (2015-11-01 since the snapshot step)
    await expect.poll(() => page.locator('#clock-now').textContent()).toContain('2015-09-01 10:00:00');
    const { sessions } = await adminGet<{ sessions: { name: string }[] }>('/sessions');
    expect(sessions.map((s) => s.name)).toEqual(expect.arrayContaining(['default', name]));
    expect(await page.locator('ul.sessions').textContent()).toContain('default');
    await shot('17-session-switched');

    // load a scenario in the new session from the page
    await page.goto(`${base}/__mock/ui/#/scenarios`);
    await page.locator('form[data-scenario="an order awaiting seller approval"] button[type=submit]').click();
    const link = page.locator('#scenario-result a[data-order-id]').first();
    await link.waitFor();
    const orderId = await link.getAttribute('data-order-id');
    const inSession = await adminGet<{ orders: Row[] }>('/orders', name);
    expect(inSession.orders.map((o) => o.orderId)).toEqual([orderId]);
    const afterDefault = await adminGet<{ total: number; orders: Row[] }>('/orders');
    expect(afterDefault.orders.map((o) => o.orderId)).toEqual(defaultOrders.orders.map((o) => o.orderId));
    expect(afterDefault.orders.map((o) => o.orderId)).not.toContain(orderId);
    expect((await adminGet<{ now: string }>('/clock')).now).toBe(defaultClock.now);
    expect((await adminGet<{ now: string }>('/clock', name)).now).toBe('2015-09-01T02:00:00.000Z');

    // an SMS sent in the new session (through its /s/{session}/ prefix) shows in its outbox only
    const imageKey = '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
    expect((await fetch(`${base}/s/${name}/imageValidate/getImageValidate?image_key=${imageKey}&t=1`)).status).toBe(200);
    const captcha = await adminGet<{ code: string }>(`/captchas/${imageKey}`, name);
    const sent = await legacy(`/s/${name}/message/sendValidateMessage`, { phone_number: phone, validate_key: imageKey, validate_code: captcha.code });
    expect(sent.success).toBe(true);
    const { messages } = await adminGet<{ messages: { code: string }[] }>(`/sms?phone=${phone}`, name);
    expect(messages).toHaveLength(1);
    expect((await adminGet<{ messages: unknown[] }>(`/sms?phone=${phone}`)).messages).toHaveLength(0);

    await page.goto(`${base}/__mock/ui/#/sms`);
    const card = page.locator(`.code-card[data-phone="${phone}"]`);
    await expect.poll(() => card.locator('.code').textContent()).toBe(messages[0]!.code);
    await shot('18-session-outbox');

    // back to default from the page: the code is not in its outbox
    await page.goto(`${base}/__mock/ui/#/faults`);
    await page.locator('ul.sessions li', { hasText: 'default' }).locator('button', { hasText: '切换' }).click();
    await expect.poll(() => page.locator('#current-session').textContent()).toBe('default');
    await expect.poll(() => page.locator('#clock-now').textContent()).toContain('2015-11-01 00:00:00');
    // a code sent in default meanwhile shows there (the page reads default's outbox), the session's code does not
    const otherPhone = '13698765431';
    const otherKey = '8d2e3f4a-5b6c-4d7e-9f80-a1b2c3d4e5f6';
    expect((await fetch(`${base}/imageValidate/getImageValidate?image_key=${otherKey}&t=1`)).status).toBe(200);
    const otherCaptcha = await adminGet<{ code: string }>(`/captchas/${otherKey}`);
    expect((await legacy('/message/sendValidateMessage', { phone_number: otherPhone, validate_key: otherKey, validate_code: otherCaptcha.code })).success).toBe(true);
    await page.goto(`${base}/__mock/ui/#/sms`);
    await expect.poll(() => page.locator(`.code-card[data-phone="${otherPhone}"]`).count()).toBe(1);
    expect(await card.count()).toBe(0);
    expect(await page.locator('#sms-outbox').textContent()).not.toContain(phone);
    await shot('19-default-outbox');
  });

  it('refuses a browser without the token, then works once the token is typed', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const other = await fresh.newPage();
    const refused = await other.goto(`${base}/__mock/ui/`);
    expect(refused?.status()).toBe(401);
    await other.locator('input[name=token]').fill(TOKEN);
    await other.locator('form button').click();
    await expect.poll(() => other.locator('#health').textContent()).toContain('在线');
    await other.screenshot({ path: join(ARTIFACTS, '14-token-typed.png') });
    await fresh.close();
  });
});
