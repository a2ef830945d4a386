// The partner docs work with the network cut off: docs/index.html is built, opened in headless Debian
// Chromium with every non-file request aborted, renders the introduction and every operation with its path,
// and a screenshot is saved under docs/.
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAGIC_CARDS } from '../../mock/domain/payments/cards';
import { buildDocs } from '../../scripts/build-docs';
import { collectSecurityFindings } from '../../scripts/lib/introduction';
import { docsDir } from '../../scripts/lib/paths';
import { listOperations, type OperationEntry } from '../../scripts/lib/spec-walk';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;
let page: Page;
let url: string;
let operations: OperationEntry[];
let findings: number;
const networkAttempts: string[] = [];

beforeAll(async () => {
  const { out, doc } = await buildDocs();
  url = `file://${out}`;
  operations = listOperations(doc);
  findings = collectSecurityFindings(doc).length;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route('**', (route) => {
    const requested = route.request().url();
    if (requested.startsWith('file:') || requested.startsWith('data:')) return route.continue();
    networkAttempts.push(requested);
    return route.abort();
  });
  await page.goto(url);
  await page.getByText('partywo API (legacy, 2015)').first().waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
});

describe('docs/index.html (npm run docs:build), offline', () => {
  it('renders the introduction: envelope, login_token, code tables, life cycle diagram, test cards, security findings', async () => {
    for (const heading of ['The envelope 统一返回对象', 'login_token 登录标志', 'Code tables 代码表', 'Order life cycle 订单生命周期', 'Magic test cards 测试卡', 'Security findings 安全发现']) {
      await expect(page.getByRole('heading', { name: heading }).first().isVisible(), heading).resolves.toBe(true);
    }
    const diagram = page.locator('svg[aria-label^="Order life cycle"]').first();
    await diagram.scrollIntoViewIfNeeded();
    expect(await diagram.isVisible()).toBe(true);
    expect((await diagram.boundingBox())?.height ?? 0).toBeGreaterThan(200);
    const text = await page.locator('body').innerText();
    expect(text).toContain('100508 已还清');
    expect(text).not.toContain('partywo:');
    const findingItems = page.locator('.partywo-findings li');
    expect(await findingItems.count()).toBe(findings);
    if (findings > 0) expect(await findingItems.first().innerText()).toContain('Fix 修复建议');
    const cards = page.locator('.partywo-test-cards li');
    expect(await cards.count()).toBe(MAGIC_CARDS.length);
    expect(await cards.first().innerText()).toContain(MAGIC_CARDS[0]!.cardNo);
  });

  it('renders every operation with its path visible', async () => {
    expect(operations.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const { path: route, method, operation } of operations) {
      const tag = String((operation.tags as string[] | undefined)?.[0] ?? '');
      const id = `${tag}/${String(operation.operationId).toLowerCase()}`;
      await page.goto(`${url}#/${id}`);
      const section = page.locator(`[id="${id}"]`);
      try {
        await section.waitFor({ state: 'attached', timeout: 10_000 });
        const pathText = section.getByText(route, { exact: true }).first();
        await pathText.scrollIntoViewIfNeeded({ timeout: 10_000 });
        if (!(await pathText.isVisible())) missing.push(`${method.toUpperCase()} ${route}: path not visible`);
        if (!(await section.getByText(String(operation.summary), { exact: true }).first().isVisible())) missing.push(`${route}: summary not visible`);
      } catch (error) {
        missing.push(`${method.toUpperCase()} ${route} (#/${id}): ${(error as Error).message.split('\n')[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('saves a screenshot under docs/', async () => {
    await page.goto(url);
    await page.getByText('The envelope 统一返回对象').first().waitFor();
    const file = path.join(docsDir, 'screenshot.png');
    const png = await page.screenshot({ path: file });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('never tried to reach the network', () => {
    expect(networkAttempts).toEqual([]);
  });
});
