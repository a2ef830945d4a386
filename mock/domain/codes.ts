// Static code tables: the base-code families served by #8 and the bank codes of #44.
// They must equal the spec's `openapi/components/schemas/codes/*.yaml` (`x-enumDescriptions`); a test
// compares them. Labels the legacy sources do not give are inferred (the spec lists them in
// `x-inferred-codes`).

import { dict } from './dict';

export type CodeTable = Readonly<Record<string, string>>;

/** The tables as prototype-free maps (dict.ts): families and codes are looked up by client input. */
function tables(t: Record<string, Record<string, string>>): Readonly<Record<string, CodeTable>> {
  const out = dict<CodeTable>();
  for (const [family, table] of Object.entries(t)) out[family] = dict(table);
  return out;
}

/** family (4 digits) -> code -> Chinese label. Keys in ascending order (the client relies on it for 1008). */
export const BASE_CODES: Readonly<Record<string, CodeTable>> = tables({
  '1001': { '100101': '男', '100102': '女' },
  '1002': { '100201': '学生', '100202': '在职', '100203': '自由职业', '100204': '其他' },
  '1003': { '100301': '单身', '100302': '恋爱中', '100303': '已婚', '100304': '离异' },
  '1004': {
    '100401': '美食',
    '100402': '电影',
    '100403': '酒店',
    '100404': '休闲娱乐',
    '100405': '丽人',
    '100406': '运动健身',
    '100407': '购物',
    '100408': '家装',
  },
  '1005': {
    '100501': '未完成',
    '100502': '商家审核中',
    '100503': '风控审核中',
    '100504': '已删除',
    '100505': '待缴手续费',
    '100506': '待放款',
    '100507': '还款中',
    '100508': '已还清',
    '100509': '拒绝',
    '100510': '已逾期',
    '100511': '已违约',
    '100512': '逾期已还清',
    '100513': '违约已还清',
    '100514': '已取消',
    '100515': '待确认',
    '10050301': '风控初审中',
    '10050302': '风控复审中',
    '10050303': '风控终审中',
  },
  '1007': {
    '100701': '身份证',
    '100702': '房产证明',
    '100703': '现住址证明',
    '100704': '工作证明',
    '100705': '收入证明',
    '100706': '结婚证/单身证明',
    '100707': '连带责任人身份证照片',
    '100708': '企业用户营业执照照片',
    '100709': '企业用户组织结构代码证',
    '100710': '企业用户税务登记证',
    '100711': '企业用户企业经营场所照片',
    '100712': '征信',
    '100713': '其它信息',
  },
  '1008': { '100801': '等额本息', '100802': '按月等额本金' },
  '1009': {
    '100901': '初中及以下',
    '100902': '高中/中专',
    '100903': '大专',
    '100904': '本科',
    '100905': '硕士',
    '100906': '博士及以上',
  },
  '1010': { '101001': '有房', '101002': '有车', '101003': '无房', '101004': '有车有房', '101005': '无车无房' },
  '1011': { '101101': '工薪阶级', '101102': '企业主', '101103': '个体户', '101104': '网商' },
  '1012': {
    '101201': '机关事业单位',
    '101202': '国有企业',
    '101203': '民营企业',
    '101204': '外资企业',
    '101205': '个体工商户',
    '101206': '其他',
  },
  '1013': {
    '101301': '金融',
    '101302': 'IT/互联网',
    '101303': '制造业',
    '101304': '建筑/房地产',
    '101305': '教育',
    '101306': '医疗',
    '101307': '服务业',
    '101308': '其他',
  },
  '1014': { '101401': '普通员工', '101402': '基层管理', '101403': '中层管理', '101404': '高层管理', '101405': '其他' },
  '1015': { '101501': '1年以下', '101502': '1-3年', '101503': '3-5年', '101504': '5-10年', '101505': '10年以上' },
  '1016': { '101601': '父母', '101602': '配偶', '101603': '子女', '101604': '兄弟姐妹', '101605': '其他亲属' },
  '1017': { '101701': '商家审批', '101702': '终审', '101703': '复审', '101704': '初审' },
  '1019': { '101901': '还款中', '101902': '已还款', '101903': '已逾期', '101904': '已违约' },
  '1023': { '102301': '银行代发' },
  '1024': { '102401': '待放款', '102402': '已放款', '102403': '放款失败' },
  '1028': { '102801': '自有', '102802': '租赁', '102803': '亲戚拥有', '102804': '宿舍' },
  '1029': { '102902': '现金' },
  '1030': { '103001': '一次性支付', '103002': '分期支付' },
});

/** The label of `code` in its family (the family is the code's first 4 digits), or null. */
export function codeLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return BASE_CODES[code.slice(0, 4)]?.[code] ?? null;
}

/** True when `code` is a code of `family`. */
export function isCodeOf(family: string, code: string): boolean {
  return BASE_CODES[family]?.[code] !== undefined;
}

/** Bank code (Yeepay) -> bank name; the card list's `bankType` is the code lower-cased (logo name). */
export const BANK_CODES: CodeTable = dict({
  ABC: '中国农业银行',
  BOC: '中国银行',
  BOCO: '交通银行',
  BOS: '上海银行',
  CCB: '中国建设银行',
  CEB: '中国光大银行',
  CGB: '广发银行',
  CIB: '兴业银行',
  CMBC: '中国民生银行',
  CMBCHINA: '招商银行',
  ECITIC: '中信银行',
  HXB: '华夏银行',
  ICBC: '中国工商银行',
  PINGAN: '平安银行',
  POST: '中国邮政储蓄银行',
});

/** The logo name the legacy client shows for a bank code (`bankType` of #40). */
export function bankLogo(bankCode: string): string {
  return bankCode.toLowerCase();
}
