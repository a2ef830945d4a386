// Types of model.js (plain ES module served to the browser; typed for the tests).
export interface ScenarioParam {
  name: string;
  description?: string;
  type?: string;
  default?: unknown;
  enum?: unknown[];
  [key: string]: unknown;
}
export interface SmsLike {
  phone: string;
  code: string;
  purpose: string;
  sentAt: string;
}
export declare function testIdCardNo(birth?: string): string;
export declare function paymentsOf(body: unknown, orderId: string, recordIds: string[]): ({ _list: string } & Record<string, unknown>)[];
export declare function normaliseScenario(entry: unknown): { name: string; description: string; params: ScenarioParam[] };
export declare function scenarioList(body: unknown): { name: string; description: string; params: ScenarioParam[] }[];
export declare function coerceParam(param: { type?: string }, text: string): string | number | boolean | undefined;
export declare function normaliseEntry(entry: Record<string, unknown>): {
  seq: number;
  at: string;
  method: string;
  path: string;
  operationId: string | null;
  params: Record<string, string | null>;
  unknownParams: Record<string, string | null>;
  unknown: string[];
  status: number;
  success: boolean | null;
  message: string | null;
  code: string | null;
  raw: unknown;
};
export declare function faultBody(form: Partial<Record<'operationId' | 'latencyMin' | 'latencyMax' | 'errorRate' | 'message' | 'failureRate' | 'dropRate', string>>): Record<string, unknown>;
export declare function credentialsIn(value: unknown): Record<string, { phoneNumber: string; password: string }>;
export declare function freshSms<T extends SmsLike>(messages: T[], seen: Set<string>, purpose?: string): T | undefined;
export declare function smsKey(m: SmsLike): string;
