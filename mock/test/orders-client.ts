// Test support for the order-side api tests: the legacy client's calls with its exact parameter names
// and encodings (jQuery form posts, the iframe's multipart upload), on top of the shell's test helper.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { APPLICANT_STEP, PACKAGE_STEP, sampleIdNumber } from '../fixtures/samples';
import type { Envelope, TestApp } from './helper';

/** A real (tiny) PNG and JPEG, and bytes that are no image. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1), Buffer.from([0xff, 0xd9])]);
export const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(20, 0)]);
export const BMP = Buffer.concat([Buffer.from('BM', 'latin1'), Buffer.alloc(60, 0)]);

export const idNumber = sampleIdNumber;

const BOUNDARY = '----WebKitFormBoundaryPartywoIframe';

/** The hidden iframe's form: text fields, then the file part (as a browser posts it). */
export function multipartBody(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

/** #17 as the iframe posts it; returns the raw response (its body is bare JSON served as text/html). */
export function upload(
  t: TestApp,
  fields: Record<string, string>,
  file: { filename: string; data: Buffer; type?: string; name?: string } | null = { filename: 'idcard.jpg', data: PNG },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/order/uploadOrderMaterial',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...headers },
    payload: multipartBody(fields, file ? { name: file.name ?? 'orderMaterialFile', filename: file.filename, type: file.type ?? 'image/jpeg', data: file.data } : undefined),
  });
}

/** $.ajax POST of the legacy client: asserts HTTP 200 + JSON, returns the envelope. */
export async function ajax(t: TestApp, operationId: string, data: Record<string, string | null | undefined> = {}): Promise<Envelope> {
  const { body, res } = await t.call(operationId, data);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return body;
}

/** Calls and expects success; returns the envelope. */
export async function ok(t: TestApp, operationId: string, data: Record<string, string | null | undefined> = {}): Promise<Envelope> {
  const body = await ajax(t, operationId, data);
  expect(body, `${operationId} should succeed: ${body.message}`).toMatchObject({ success: true });
  return body;
}

/** Calls and expects the failure `code`; returns the envelope. */
export async function fails(t: TestApp, operationId: string, code: string, data: Record<string, string | null | undefined> = {}): Promise<Envelope> {
  const body = await ajax(t, operationId, data);
  expect({ success: body.success, code: body.code }, `${operationId}: ${body.message}`).toEqual({ success: false, code });
  expect(body.obj).toBeNull();
  expect(body.list).toBeNull();
  expect(body.message).toEqual(expect.any(String));
  return body;
}

/** The package page as the 2015 client sends it (80000 over `n` months with the 2015 fee). */
export function packagePage(loginToken: string, customerId: string, orderId: string, n = 12): Record<string, string> {
  const rate: Record<number, number> = { 3: 0, 6: 1, 9: 4, 12: 7, 18: 10, 24: 13, 36: 16 };
  return {
    login_token: loginToken,
    customerId,
    orderId,
    ...PACKAGE_STEP,
    fenQiTimes: String(n),
    poundage: ((80000 * (rate[n] ?? 0)) / 100).toFixed(2),
    moneyMonth: (80000 / n).toFixed(2),
  };
}

/** The applicant page as the 2015 client sends it (optional second contacts empty). */
export function applicantPage(loginToken: string, orderId: string, phone: string): Record<string, string> {
  return {
    login_token: loginToken,
    orderId,
    ...APPLICANT_STEP,
    applicantPhone: phone,
    applicantHouseNumber: '1',
    applicantHouseWorth: '2000000',
    applicantCarNumber: '0',
    applicantCarWorth: '0',
    friendTwoName: '',
    friendTwoPhone: '',
    workmateTwoName: '',
    workmateTwoPhone: '',
  };
}

/** The page GUID (32 lower-case hex in 8-4-4-4-12 groups). */
export function guid(n: number): string {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let guidSeq = 1000;
/** A fresh image captcha (loaded as the page's <img>) and its answer (from the admin API). */
export async function freshCaptcha(t: TestApp): Promise<{ key: string; code: string }> {
  const key = guid(++guidSeq);
  return { key, code: await t.captcha(key) };
}

/** Moves the mock clock (admin API). */
export async function advance(t: TestApp, seconds: number): Promise<void> {
  const r = await t.admin('POST', '/__mock/clock', { advanceSeconds: seconds });
  expect(r.status).toBe(200);
}

export async function setClock(t: TestApp, iso: string): Promise<void> {
  const r = await t.admin('POST', '/__mock/clock', { set: iso });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** Logs a ready-made staff user in (#24); returns the token and the user object. */
export async function staffLogin(t: TestApp, usersPhone: string): Promise<{ token: string; usersId: string; usersName: string }> {
  const r = await ok(t, 'usersLogin', { usersPhone, password: 'staff1234' });
  return { token: r.token!, usersId: r.obj.usersId, usersName: r.obj.usersName };
}

/** Binds a card the way the 2015 bind-card page does (#37, #9, #44, #38, SMS, #39). */
export async function bindCardLikeTheClient(t: TestApp, c: { token: string; customerId: string; phone: string }, cardno = '6222020000000007'): Promise<string> {
  const id = (await ok(t, 'getBindBankCardId')).obj as string;
  await ok(t, 'getBankCode');
  const cap = await freshCaptcha(t);
  const card = { customerId: c.customerId, bindBankCardId: id, bankCode: 'ICBC', username: '张伟', cardno, idcardno: idNumber(), phone: c.phone };
  await ok(t, 'invokeBindBanCard', { login_token: c.token, img_validate_key: cap.key, img_validate_code: cap.code, ...card });
  const code = await t.smsCode(c.phone);
  await ok(t, 'confirmBindBankcard', { login_token: c.token, img_validate_key: cap.key, img_validate_code: cap.code, ...card, validate_code: code });
  return id;
}

/** Pays one instalment the way the 2015 payment page does (#40, #41, #9, #42, SMS, #43, poll); returns the payment id. */
export async function payLikeTheClient(t: TestApp, c: { token: string; customerId: string; phone: string }, recordId: string): Promise<string> {
  const cards = await ok(t, 'getBindBankCardByCustomerId', { login_token: c.token, customerId: c.customerId });
  const bbcId = cards.list![0].bbcId as string;
  const paymentId = (await ok(t, 'sendBindRequest', { login_token: c.token, customerId: c.customerId, repaymentRecordId: recordId, bindBankCardId: bbcId })).obj as string;
  const cap = await freshCaptcha(t);
  await ok(t, 'sendSmsByRepaymentRecordId', { login_token: c.token, img_validate_key: cap.key, img_validate_code: cap.code, orderid: paymentId });
  const code = await t.smsCode(c.phone);
  await ok(t, 'smsConfirm', { login_token: c.token, img_validate_key: cap.key, img_validate_code: cap.code, orderid: paymentId, validate_code: code });
  return paymentId;
}

/** The status poll (no token, only `orderid`). */
export async function poll(t: TestApp, paymentId: string): Promise<{ status: number; errorcode: string | null; errormsg: string | null }> {
  return (await ok(t, 'getPayRecordById', { orderid: paymentId })).obj;
}
