// Request and result types of every operation, derived from the generated OpenAPI types
// (openapi/generated/openapi.d.ts, never hand-written): the body schema of the operation's content
// type for requests, the 200 answer's schema for results.
import type { operations } from '../../openapi/generated/openapi';
import type { operationTable, OperationName } from './operations';
import type { UploadFile } from './transport';

type Table = typeof operationTable;

/** The operationIds of the spec; the client's table must cover exactly these (checked in client.test-d.ts). */
export type SpecOperationId = keyof operations;

type RequestContent<O> = O extends { requestBody?: infer RB }
  ? NonNullable<RB> extends { content: infer C }
    ? C
    : never
  : never;

type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : Record<string, never>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A multipart body with its file part typed as a file instead of the schema's `format: binary` string. */
type WithFile<B, F extends string> = Simplify<
  Omit<B, F> & (F extends keyof B ? (undefined extends B[F] ? { [P in F]?: UploadFile } : { [P in F]: UploadFile }) : unknown)
>;

type BodyFor<K extends OperationName> = Table[K]['encoding'] extends 'query'
  ? QueryOf<operations[K & SpecOperationId]>
  : Table[K]['encoding'] extends 'multipart'
    ? RequestContent<operations[K & SpecOperationId]> extends { 'multipart/form-data': infer B }
      ? WithFile<B, Table[K] extends { filePart: infer F extends string } ? F : never>
      : Record<string, never>
    : RequestContent<operations[K & SpecOperationId]> extends { 'application/x-www-form-urlencoded': infer B }
      ? B
      : Record<string, never>;

/** The parameters of an operation, exactly as the spec declares them (wire values are strings). */
export type RequestOf<K extends OperationName> = BodyFor<K>;

type OkContent<O> = O extends { responses: { 200: { content: infer C } } } ? C : never;

/** An image answer (#9 getImageValidate). */
export interface ImageResult {
  status: number;
  contentType: string;
  bytes: Uint8Array;
}

type Rows<L> = NonNullable<L> extends readonly unknown[] ? NonNullable<L>[number] : never;

/**
 * The operation's envelope with `obj` and `list` resolved: the spec writes each answer as
 * `allOf: [Envelope, {obj, list}]`, which generates an intersection (`unknown[] & Row[]`) that hides
 * the row type; this keeps the operation's own shapes.
 */
export type LegacyEnvelope<J> = Simplify<
  Omit<J, 'obj' | 'list'> & {
    obj: Exclude<J extends { obj?: infer O } ? O : unknown, undefined>;
    list: [Rows<J extends { list?: infer L } ? L : never>] extends [never] ? null : Rows<J extends { list?: infer L } ? L : never>[] | null;
  }
>;

type JsonOf<C> = C extends { 'application/json': infer J } ? J : C extends { 'text/html': infer H } ? H : never;

/** What the client resolves with: the operation's envelope, or the image for #9. */
export type ResultOf<K extends OperationName> = Table[K]['response'] extends 'image'
  ? ImageResult
  : LegacyEnvelope<JsonOf<OkContent<operations[K & SpecOperationId]>>>;

/** True when every parameter of the operation is optional (then the argument may be left out). */
type AllOptional<T> = Record<string, never> extends T ? true : object extends T ? true : false;

/** The call signature of one operation on the client. */
export type OperationCall<K extends OperationName> =
  AllOptional<RequestOf<K>> extends true
    ? (params?: RequestOf<K>) => Promise<ResultOf<K>>
    : (params: RequestOf<K>) => Promise<ResultOf<K>>;
