// Type tests of the typed client (checked by `tsc --noEmit`, i.e. `npm run typecheck`): the operation
// table matches the generated `paths`/`operations`, requests are typed by the spec, results by the
// spec's 200 answer. Each `@ts-expect-error` sits beside a call that must NOT compile; if a regression
// made it compile, tsc reports the unused directive and fails.
import { expectTypeOf } from 'vitest';
import type { components, operations, paths } from '../../openapi/generated/openapi';
import { createPartywoClient, operationTable, type ImageResult, type OperationName, type RequestOf, type ResultOf, type SpecOperationId } from '../client';

type Table = typeof operationTable;

// The table covers exactly the spec's operationIds.
expectTypeOf<OperationName>().toEqualTypeOf<SpecOperationId>();

// Each table row names the spec path whose method carries that very operation.
type Served = { [K in OperationName]: paths[Table[K]['path']][Lowercase<Table[K]['method']>] extends operations[K] ? true : false };
expectTypeOf<Served[OperationName]>().toEqualTypeOf<true>();

const client = createPartywoClient({ baseUrl: 'http://127.0.0.1:4010' });

// ---- requests ------------------------------------------------------------------------------------
void client.customerLogin({ phone_number: '15210193304', password: 'test1234' });
// @ts-expect-error password is required
void client.customerLogin({ phone_number: '15210193304' });
// @ts-expect-error wire values are strings (form bodies), not numbers
void client.customerLogin({ phone_number: 15210193304, password: 'test1234' });
// @ts-expect-error an unknown parameter name (the legacy names are exact: phone_number, not phoneNumber)
void client.customerLogin({ phoneNumber: '15210193304', password: 'test1234' });
// @ts-expect-error the operation takes parameters
void client.customerLogin();

// operations whose parameters are all optional may be called without an argument
void client.getOrderId();
void client.getBankCode();
void client.queryCompany();

// codes are the spec's enums
void client.updateCustomerInfo({ login_token: 'T', customerId: '1', sex: '100102' });
// @ts-expect-error 100103 is not a code of family 1001
void client.updateCustomerInfo({ login_token: 'T', customerId: '1', sex: '100103' });

// #42/#43 identify the payment by `orderid` (lower case)
void client.smsConfirm({ login_token: 'T', validate_code: '123456', orderid: '201509150031' });
// @ts-expect-error `orderId` is not a parameter of #43
void client.smsConfirm({ login_token: 'T', validate_code: '123456', orderId: '201509150031' });

// multipart uploads take a file (Blob/File, or bytes with a name) in their file part
void client.uploadOrderMaterial({ login_token: 'T', customerId: '1', orderId: '2', orderMaterialType: '100701', orderMaterialFile: new Blob([]) });
void client.uploadIcon({ login_token: 'T', customer_id: '1', avatar: { bytes: new Uint8Array(), fileName: 'a.png', contentType: 'image/png' } });
// @ts-expect-error the file part is a file, not text
void client.uploadOrderMaterial({ login_token: 'T', customerId: '1', orderId: '2', orderMaterialType: '100701', orderMaterialFile: 'a.png' });
// @ts-expect-error the avatar upload's file part is `avatar`, not `orderMaterialFile`
void client.uploadIcon({ login_token: 'T', customer_id: '1', orderMaterialFile: new Blob([]) });

// #9 is a GET with query parameters
expectTypeOf<RequestOf<'getImageValidate'>>().toHaveProperty('image_key');

// ---- results -------------------------------------------------------------------------------------
expectTypeOf<ResultOf<'customerLogin'>['success']>().toEqualTypeOf<boolean>();
expectTypeOf<ResultOf<'customerLogin'>['token']>().toEqualTypeOf<string | null>();
expectTypeOf<NonNullable<ResultOf<'customerLogin'>['obj']>>().toEqualTypeOf<components['schemas']['Customer']>();
expectTypeOf<ResultOf<'queryOrders'>['list']>().toEqualTypeOf<components['schemas']['OrderRow'][] | null>();
expectTypeOf<NonNullable<ResultOf<'queryOrders'>['obj']>>().toHaveProperty('totalRowNum').toEqualTypeOf<number>();
expectTypeOf<NonNullable<ResultOf<'getRepaymentRecordByOrderId'>['list']>[number]['repaymentPrincipal']>().toEqualTypeOf<number>();
expectTypeOf<ResultOf<'getImageValidate'>>().toEqualTypeOf<ImageResult>();
expectTypeOf(client.getOrderId).returns.resolves.toHaveProperty('obj');
// @ts-expect-error a customer has no `usersId` (that is a staff user)
void ((r: ResultOf<'customerLogin'>) => r.obj?.usersId);
