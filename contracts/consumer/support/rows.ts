// Response shapes shared by several suites.
import { MatchersV3 } from '@pact-foundation/pact';
import { SAMPLE_ORDER_ID } from '../../shared/placeholders';
import { digitsId } from './matchers';

const { like, integer, number, regex } = MatchersV3;

/** A row of the order lists (#19, #26, #28, #30): the fields the list pages and the detail page read. */
export const orderRow = (status: string) => ({
  orderId: digitsId(SAMPLE_ORDER_ID),
  contractNo: like('HT-2015-001'),
  packageName: like('悦享家'),
  packageMoney: number(80000),
  poundage: number(5600),
  moneyMonth: number(6666.67),
  status: regex('^1005\\d{2,4}$', status),
  statusDes: like('还款中'),
  fenQiTimes: integer(12),
});

