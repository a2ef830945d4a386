// GET /__mock/orders: every order of the session, whoever owns it, newest first (the dev console's order table;
// no legacy operation lists across customers and companies). Read from the orders index's sorted lists only:
// a page costs O(limit) at 100,000 orders. Register with `{ prefix: '/__mock' }`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCodeOf } from '../domain/codes';
import { domainError } from '../domain/errors';
import { PSEUDO_STATUS_FILTERS } from '../domain/orders/codes';
import type { AdminOrderQuery } from '../domain/orders/views';
import { adminOrderList, orderRow } from '../domain/orders/views';
import { adminGuard } from './admin';
import { sendFailure } from './errors';

export const ORDERS_LIMIT_DEFAULT = 50;
export const ORDERS_LIMIT_MAX = 500;

const ID = /^\d{8,20}$/;

class QueryError extends Error {}

/** One query value as text: absent or empty = null; given twice = refused. */
function text(query: Record<string, unknown>, name: string): string | null {
  const v = query[name];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string') throw new QueryError(`${name} 只能出现一次 (${name} given more than once)`);
  return v;
}

function int(query: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const v = text(query, name);
  if (v === null) return fallback;
  const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw new QueryError(`${name} 必须是 ${min}-${max} 的整数 (${name} must be an integer between ${min} and ${max})`);
  return n;
}

function id(query: Record<string, unknown>, name: string): string | null {
  const v = text(query, name);
  if (v !== null && !ID.test(v)) throw new QueryError(`${name} 必须是 8-20 位数字 (${name} must be 8 to 20 digits)`);
  return v;
}

/** Reads and checks the query (throws QueryError naming the bad parameter). */
export function parseOrdersQuery(query: Record<string, unknown>): AdminOrderQuery {
  const status = text(query, 'status') ?? '';
  if (status !== '' && !isCodeOf('1005', status) && !Object.hasOwn(PSEUDO_STATUS_FILTERS, status)) {
    throw new QueryError(`status 必须是 1005 状态码、100502100503、100500 或空 (status must be a 1005 code, a pseudo filter or empty)`);
  }
  return {
    status,
    customerId: id(query, 'customerId'),
    companyId: id(query, 'companyId'),
    limit: int(query, 'limit', ORDERS_LIMIT_DEFAULT, 1, ORDERS_LIMIT_MAX),
    offset: int(query, 'offset', 0, 0, 999_999_999),
  };
}

function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  request.responseSummary = { success: true, code: null, message: null };
  return reply.code(200).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** The orders part of the admin API (same access rule as the rest of /__mock). */
export default async function adminOrders(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', adminGuard);

  app.get('/orders', async (request, reply) => {
    let query: AdminOrderQuery;
    try {
      query = parseOrdersQuery((request.query ?? {}) as Record<string, unknown>);
    } catch (err) {
      if (err instanceof QueryError) return sendFailure(request, reply, domainError('PARAM_INVALID', err.message), 400);
      throw err;
    }
    // rows as the legacy lists send them (mock-admin.yaml AdminOrderRow = OrderRow, checked by the api tests)
    const { total, orders } = adminOrderList(request.session.db, query);
    return sendJson(request, reply, { total, orders: orders.map(orderRow) });
  });
}
