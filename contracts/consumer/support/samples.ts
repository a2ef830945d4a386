// Sample request values shared by the order, back-office, loan and payment suites: what the 2015
// client sends (client-facts.md §3), valid against the spec. Company, product and the package step come from
// the mock's sample module; the applicant and card below are the contracts' own customer (张三).
import { OTHER_CUSTOMER_TOKEN } from '../../shared/placeholders';
import { COMPANY_ID, PACKAGE_STEP, PRODUCT_ID, PRODUCT_NAME } from '../../../mock/fixtures/samples';

/** A page key for the captcha of the bind-card and payment pages. */
export const PAGE_KEY = '7b1c2d3e-4f50-4a61-9b72-8c93d4e5f607';

/** The applicant step (#15): every field of the 2015 form's three sub-forms. */
export const APPLICANT_STEP = {
  applicantName: '张三',
  applicantAge: '30',
  applicantSex: '100101',
  applicantIdentity: '11010519491231002X',
  applicantMarital: '100302',
  applicantAddress: '北京市朝阳区建国路88号',
  applicantStudyStatus: '100903',
  applicantSchool: '北京大学',
  applicantMajor: '建筑学',
  applicantAsset: '101001',
  applicantPhone: '15210193304',
  applicantHouseNumber: '1',
  applicantHouseWorth: '3000000',
  applicantCarNumber: '0',
  applicantCarWorth: '0',
  applicantJobNature: '101101',
  applicantCompany: '北京生活家装饰有限公司',
  applicantCompanyNature: '101201',
  applicantCompanyIndustry: '101301',
  applicantDuties: '101401',
  applicantWorkYears: '101503',
  applicantCompanyAddress: '北京市海淀区中关村大街1号',
  applicantCompanyPhone: '010-88886666',
  applicantWages: '15000',
  familyName: '张父',
  familyPhone: '13911112222',
  familyRelation: '101601',
  familyTwoName: '张母',
  familyTwoPhone: '13911113333',
  familyTwoRelation: '101602',
  friendName: '李四',
  friendPhone: '13811114444',
  friendTwoName: '王五',
  friendTwoPhone: '13811115555',
  workmateName: '赵六',
  workmatePhone: '13711116666',
  workmateTwoName: '钱七',
  workmateTwoPhone: '13711117777',
} as const;

/** A bank card that binds (Luhn-valid, not one of the mock's magic decline numbers) and its holder. */
export const CARD = {
  bankCode: 'ICBC',
  username: '张三',
  cardno: '6222021234567890128',
  idcardno: '11010519491231002X',
  phone: '13800138000',
} as const;

export { COMPANY_ID, OTHER_CUSTOMER_TOKEN, PACKAGE_STEP, PRODUCT_ID, PRODUCT_NAME };
