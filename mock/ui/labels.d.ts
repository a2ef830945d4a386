// Types of labels.js (plain ES module served to the browser; typed for the tests).
export declare const ORDER_STATUS: Record<'100501' | '100502' | '100503' | '100504' | '100505' | '100506' | '100507' | '100508' | '100509' | '100510', [string, string]>;
export declare const ORDER_STATUS_FILTERS: Record<'100502100503' | '100500', [string, string]>;
export declare const REPAYMENT_STATUS: Record<'101901' | '101902' | '101903' | '101904', [string, string]>;
export declare const MATERIAL_TYPE: Record<string, string>;
export declare const ROLES: Record<'seller' | 'risk' | 'finance', [string, string]>;
export declare const MAGIC_CARDS: [string, string][];
export declare const ORDER_FIELDS: [string, string][];
export declare const OPERATIONS: [number | null, string, string][];
export declare const PATH_OF: Record<string, string>;
export declare function numberOf(operationId: string): string;
export declare function orderStatusLabel(code: string): [string, string] | undefined;
