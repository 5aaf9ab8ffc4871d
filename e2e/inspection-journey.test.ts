import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { createOfficialCalendar } from '../src/domain/calendar/official-data.ts';
import { baseUrl, login, newPage, screenshot, skipReason } from './pages.ts';
import { launchBrowser, seriousAxeViolations } from './harness.ts';

/**
 * 谁检查、谁录入、谁公示, on a phone: the officer zhifa1 opens the inspection the demo left as a
 * draft, answers the 一企一表, takes a photo, has the team and the entity's representative
 * sign on screen and submits; the 运输管理科 administrator approves and publishes it; the
 * portal shows the result. The deadline shown is the end date + 20 official working days.
 */
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function signOnCanvas(page: Page, dialog: Locator): Promise<void> {
  const canvas = dialog.getByRole('img', { name: '签名区' });
  // The dialog zooms in when it opens: wait until the pad stops moving before drawing on it.
  let box = await canvas.boundingBox();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const next = await canvas.boundingBox();
    if (box && next && next.x === box.x && next.y === box.y && next.width === box.width) break;
    box = next;
  }
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 3, box.y + 15, { steps: 5 });
  await page.mouse.move(box.x + box.width - 20, box.y + box.height - 15, { steps: 5 });
  await page.mouse.up();
}

describe.skipIf(skipReason !== '')('inspection on a phone, review and publication', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('is entered with a photo and signatures, approved, published and shown on the portal', async () => {
    const phone = await browser.newContext({
      baseURL: baseUrl(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    });
    const page = await phone.newPage();
    page.setDefaultTimeout(15_000);
    await login(page, 'zhifa1');
    await page.goto('/inspections');
    await page.getByRole('heading', { name: '我的检查' }).waitFor();
    // The demo's open draft is the one with a start date and no end date yet.
    const draftCard = page.getByRole('listitem').filter({ hasText: /检查日期：\d{4}-\d{2}-\d{2} 至 未填/u }).first();
    const objectName = (await draftCard.getByRole('link').first().innerText()).trim();
    await draftCard.getByRole('link').first().click();
    await page.getByRole('heading', { name: objectName }).waitFor();
    const inspectionUrl = page.url();

    // The demo draft started on 20 September of its year: end the inspection five days later.
    const year = (await page.getByLabel('检查开始日期', { exact: true }).inputValue()).slice(0, 4);
    const endedOn = `${year}-09-25`;
    await page.getByLabel('检查结束日期', { exact: true }).fill(endedOn);
    await page.getByRole('checkbox', { name: '实地检查' }).check();
    for (const group of await page.getByRole('radiogroup').all()) {
      await group.getByText('是', { exact: true }).click();
    }
    const codes = page.getByLabel('检查结果代码');
    await codes.click();
    await codes.pressSequentially('未发现问题');
    await codes.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: tinyPng });
    await page.getByText('已上传：现场照片.png').waitFor();
    // Its thumbnail is shown (made by the server at upload; a failed load would show an icon instead).
    const thumbnail = page.getByRole('img', { name: '缩略图：现场照片.png' });
    await thumbnail.scrollIntoViewIfNeeded();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    // Every team member signs on screen, then the entity's representative.
    for (;;) {
      const button = page.getByRole('button', { name: /^\S+ 签名$/u }).first();
      if ((await button.count()) === 0) break;
      await button.click();
      const dialog = page.getByRole('dialog');
      await signOnCanvas(page, dialog);
      await dialog.getByRole('button', { name: '确认签名' }).click();
      await page.getByText('已签字').first().waitFor();
      await dialog.waitFor({ state: 'hidden' });
    }
    await page.getByRole('button', { name: '被检查对象代表签名' }).click();
    const representative = page.getByRole('dialog');
    await representative.getByLabel('代表姓名').fill('王经理');
    await signOnCanvas(page, representative);
    await representative.getByRole('button', { name: '确认签名' }).click();
    await page.getByText('签字完整').waitFor();

    // The deadline follows the official calendar: 20 working days after the end.
    const deadline = createOfficialCalendar().addWorkdays(endedOn, 20).date;
    await page.getByText(new RegExp(deadline, 'u')).first().waitFor();
    // 提交审核 turns from grey to blue with a transition: check contrast once it has settled.
    const submit = page.getByRole('button', { name: '提交审核' });
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await page.waitForTimeout(500);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'inspection-phone');
    await submit.click();
    await page.getByText('已提交审核').first().waitFor();
    await phone.close();

    // The department reviews and publishes.
    const { context, page: desk } = await newPage(browser);
    await login(desk, 'yunguan');
    await desk.goto(new URL(inspectionUrl).pathname);
    await desk.getByRole('heading', { name: objectName }).waitFor();
    await desk.getByRole('button', { name: '审核通过' }).click();
    await desk.getByRole('button', { name: '公示结果' }).click();
    await desk.getByText('已公示').first().waitFor();
    await context.close();

    // The portal shows it, without officer names.
    const visitor = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    const portal = await visitor.newPage();
    await portal.goto('/portal/#/results');
    await portal.getByLabel('企业名称或统一社会信用代码').fill(objectName);
    await portal.getByRole('button', { name: '查询' }).click();
    await portal.getByRole('link', { name: objectName }).click();
    await portal.getByRole('heading', { name: objectName, level: 1 }).waitFor();
    await portal.getByText(`完成日期${endedOn}`).or(portal.getByText(endedOn)).first().waitFor();
    expect(await portal.getByText('未发现问题').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(portal)).toEqual([]);
    await screenshot(portal, 'portal-results');
    await visitor.close();
  });
});
