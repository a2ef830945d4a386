// The pacts cover the whole API: every one of the 44 documented endpoints and the two undocumented
// calls of the legacy client has its success interaction, every endpoint the frontend branches on has
// failure interactions, #35 belongs to the payment platform alone, and every provider state is one of
// the catalogue's (contracts/shared/states.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { operationNames, operationTable, type OperationName } from '../client';
import { PAYMENT_PLATFORM_CONSUMER, WEB_CONSUMER } from '../shared/names';
import { ensurePacts, readPact, type PactFile, type PactInteraction } from '../shared/pact-files';
import { stateNames } from '../shared/states';

/** Endpoints whose failure the frontend shows or branches on (client-facts.md: "fail:" and #36). */
const BRANCHED: OperationName[] = [
  'sendValidateMessage', 'registerCustomer', 'customerLogin', 'updatePasswordPre', 'updatePassword', 'updateCustomerInfo',
  'getCustomerByCustomerId', 'getBaseCodeByParents', 'updatePhoneNumberPre', 'updatePhoneNumber', 'editOrderPackage',
  'editOrderCustomerInfo', 'editOrderComplete', 'deleteOrderMaterial', 'queryOrders', 'queryOrdersByOrderId', 'deleteOrderByOrderId',
  'registerUsers', 'usersLogin', 'querySellerApproveOrders', 'sellerApproveOrder', 'riskManagementApproveOrder', 'loanByOrderId',
  'getRepaymentRecordByOrderId', 'getRepaymentRecordByRepaymentRecordId', 'isExistBindBankCard', 'invokeBindBanCard',
  'confirmBindBankcard', 'sendBindRequest', 'sendSmsByRepaymentRecordId', 'smsConfirm', 'repaymentDoneByRepaymentRecordId',
];

const byPath = new Map<string, OperationName>(operationNames.map((name) => [`${operationTable[name].method} ${operationTable[name].path}`, name] as const));
const operationOf = (i: PactInteraction): OperationName | undefined => byPath.get(`${i.request.method.toUpperCase()} ${i.request.path}`);
const successOf = (i: PactInteraction): boolean | undefined => {
  const content = i.response.body?.content;
  if (content && typeof content === 'object') return (content as { success?: boolean }).success;
  if (typeof content === 'string') return /"success":\s*true/.test(content) ? true : /"success":\s*false/.test(content) ? false : undefined;
  return i.response.status === 200 ? true : undefined; // #9: the image
};
/** "Empty list" is the frontend's other branch of #19 (alert 没有订单数据). */
const isEmptyList = (i: PactInteraction) => Array.isArray((i.response.body?.content as { list?: unknown } | undefined)?.list) && ((i.response.body?.content as { list: unknown[] }).list.length === 0);

let web: PactFile;
let platform: PactFile;

describe('pact coverage', () => {
  beforeAll(() => {
    const [webFile, platformFile] = ensurePacts();
    web = readPact(webFile!);
    platform = readPact(platformFile!);
  });

  it('names the consumers and the provider', () => {
    expect(web.consumer.name).toBe(WEB_CONSUMER);
    expect(platform.consumer.name).toBe(PAYMENT_PLATFORM_CONSUMER);
    expect(new Set([web.provider.name, platform.provider.name])).toEqual(new Set(['partywo-api']));
  });

  it('every interaction calls a known operation', () => {
    for (const i of [...web.interactions, ...platform.interactions]) expect(operationOf(i), `${i.request.method} ${i.request.path}`).toBeDefined();
  });

  it('covers all 44 documented endpoints and the 2 undocumented calls, each with a success interaction', () => {
    const covered = new Set([...web.interactions, ...platform.interactions].filter((i) => successOf(i) === true).map(operationOf));
    const documented = operationNames.filter((n) => operationTable[n].number !== null);
    expect(documented).toHaveLength(44);
    expect(documented.filter((n) => !covered.has(n))).toEqual([]);
    expect(covered.has('uploadIcon') && covered.has('getPayRecordById')).toBe(true);
    expect(covered.size).toBe(46);
  });

  it('has failure interactions for every endpoint the frontend branches on', () => {
    const failing = new Set([...web.interactions, ...platform.interactions].filter((i) => successOf(i) === false || isEmptyList(i)).map(operationOf));
    expect(BRANCHED.filter((n) => !failing.has(n))).toEqual([]);
  });

  it('keeps #35 for the payment platform alone', () => {
    expect(platform.interactions.map(operationOf).every((o) => o === 'repaymentDoneByRepaymentRecordId')).toBe(true);
    expect(web.interactions.map(operationOf)).not.toContain('repaymentDoneByRepaymentRecordId');
  });

  it('uses only provider states of the catalogue', () => {
    const used = new Set([...web.interactions, ...platform.interactions].flatMap((i) => (i.providerStates ?? []).map((s) => s.name)));
    expect([...used].filter((s) => !(stateNames as string[]).includes(s))).toEqual([]);
  });

  it('has one interaction per description (one interaction per test)', () => {
    const descriptions = web.interactions.map((i) => i.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    console.log(`pact coverage: ${web.interactions.length} web + ${platform.interactions.length} payment-platform interactions, 46 operations (44 documented + 2 undocumented)`);
  });
});
