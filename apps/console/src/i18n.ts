// The console's words in English and Simplified Chinese. Enum values (statuses, types, flags,
// signals) are translated here; reason titles come from the policy (Exclusion.translations).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  appTitle: 'Adjuster console',
  signInHeading: 'Sign in',
  signInIntro:
    'Use an operator key (op_…). It is kept in this tab only and forgotten when you sign out or close it.',
  operatorKey: 'Operator key',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  wrongKey: 'This key is not valid: check it and try again.',
  notOperatorKey:
    'This is not an operator key. Storefront and member credentials cannot open the console.',
  sessionEnded: 'Your key is no longer accepted: sign in again.',
  language: 'Language',
  mainNav: 'Console',
  queue: 'Claim queue',
  report: 'Loss report',
  filters: 'Filters',
  status: 'Status',
  type: 'Type',
  storefront: 'Storefront',
  anyStatus: 'Any status',
  openStatuses: 'Open (needs documents, under review, approved)',
  anyType: 'Any type',
  allStorefronts: 'All storefronts',
  overdueOnly: 'Overdue only',
  pageSize: 'Claims per page',
  apply: 'Apply',
  claimsCaption: 'Claims by due time, overdue first',
  reference: 'Reference',
  filed: 'Filed',
  due: 'Due',
  timeLeft: 'Time left',
  member: 'Member',
  noClaims: 'No claims match these filters.',
  totalClaims: '{count} claims',
  totalClaimsAtLeast: 'At least {count} claims',
  nextPage: 'Next page',
  previousPage: 'Previous page',
  loading: 'Loading…',
  overdueBy: 'Overdue by {duration}',
  left: '{duration} left',
  noDueTime: 'Not due yet (documents missing)',
  decided: 'Decided',
  backToQueue: 'Back to the queue',
  claim: 'Claim',
  description: 'Description',
  package: 'Package',
  trackingNumber: 'Tracking number',
  packageStatus: 'Package status',
  declaredValue: 'Declared value',
  salePrice: 'Sale price',
  shippingFee: 'Shipping fee',
  estimatedWeight: 'Estimated weight',
  actualWeight: 'Actual weight',
  grams: '{value} g',
  notGiven: 'Not given',
  deliveryAddress: 'Delivery address',
  memberCenterAddress: 'Member Center address',
  shippedAt: 'Shipped',
  deliveredAt: 'Delivered',
  signedBy: 'Signed by',
  paidTotal: 'Paid on this package so far',
  maxCompensation: 'Most it can still be paid (R5, R9)',
  flags: 'Flags (R12)',
  claimFlags: 'Flags when filed (R12)',
  noFlags: 'None',
  guarantee: 'Guarantee',
  orderNumber: 'Order number',
  policyVersion: 'Policy version',
  productValue: 'Product value',
  fee: 'Fee',
  purchasedAt: 'Bought',
  riskSignals: 'Risk signals',
  riskSignalsNote: 'Signals inform the decision; they never decide it.',
  noRiskSignals: 'No risk signals.',
  documents: 'Documents',
  noDocuments: 'No documents yet.',
  download: 'Download {name}',
  notUploaded: 'Not uploaded yet',
  missingDocuments: 'Missing documents (R13)',
  nothingMissing: 'Every required document is in.',
  timeline: 'Timeline',
  decision: 'Decision',
  decide: 'Decide',
  rejectBeforePayout: 'Reject instead (before the payout)',
  approve: 'Approve',
  reject: 'Reject',
  outcome: 'Outcome',
  auditedAmount: 'Audited amount ({currency})',
  auditedAmountHelpDamage: 'The audited amount of the damage (R8).',
  auditedAmountHelpPartial: 'The audited value of the missing items (R7).',
  lossNeedsNoAmount: 'A complete loss is paid by formula (R5, R6): no audited amount.',
  payoutPreview: 'Payout if approved',
  payoutPreviewNote: 'Computed as you type by the same rules the API applies.',
  rule: 'Rule',
  line: 'Step',
  amount: 'Amount',
  payable: 'Payable',
  reasonCodes: 'Reason codes (R11)',
  note: 'Note for the record (optional)',
  approveClaim: 'Approve and pay {amount}',
  rejectClaim: 'Reject',
  cannotApprove: 'Only a claim under review can be approved.',
  cannotDecide: 'This claim is {status}: it can no longer be decided.',
  recordPayout: 'Record the payout',
  payoutReference: 'Payout reference (bank or payment provider)',
  recordPayoutButton: 'Record payout',
  paid: 'Paid {amount} on {date}, reference {reference}.',
  saved: 'Saved.',
  breakdown: 'Breakdown',
  rejectedFor: 'Rejected for',
  from: 'From',
  to: 'To',
  show: 'Show',
  month: 'Month',
  currency: 'Currency',
  guaranteesSold: 'Guarantees sold',
  fees: 'Fees',
  refunds: 'Refunds',
  claimsFiled: 'Claims filed',
  claimsApproved: 'Approved',
  claimsRejected: 'Rejected',
  payouts: 'Payouts',
  lossRatio: 'Loss ratio',
  medianHours: 'Median hours to decision',
  withinPromise: 'Decided within 7 days',
  reportCaption: 'Losses by month, storefront and currency',
  noReportRows: 'Nothing was sold or claimed in these months.',
  downloadCsv: 'Download CSV',
  chartLabel: 'Fees and payouts by month',
  errorTitle: 'Something went wrong',
  retry: 'Try again',
  notFound: 'There is no such claim, or this key may not see it.',
} as const;

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  appTitle: '理赔审核台',
  signInHeading: '登录',
  signInIntro: '请使用运营密钥（op_…）。密钥只保存在当前标签页中，退出或关闭标签页后即被清除。',
  operatorKey: '运营密钥',
  signIn: '登录',
  signingIn: '正在登录…',
  signOut: '退出',
  wrongKey: '密钥无效，请检查后重试。',
  notOperatorKey: '这不是运营密钥。店铺密钥和会员凭证无法打开审核台。',
  sessionEnded: '密钥已不再有效，请重新登录。',
  language: '语言',
  mainNav: '审核台',
  queue: '理赔队列',
  report: '损失报告',
  filters: '筛选',
  status: '状态',
  type: '类型',
  storefront: '店铺',
  anyStatus: '全部状态',
  openStatuses: '未结（待补材料、审核中、已批准）',
  anyType: '全部类型',
  allStorefronts: '全部店铺',
  overdueOnly: '仅显示已逾期',
  pageSize: '每页理赔数',
  apply: '应用',
  claimsCaption: '按截止时间排序的理赔，逾期优先',
  reference: '编号',
  filed: '提交时间',
  due: '截止时间',
  timeLeft: '剩余时间',
  member: '会员',
  noClaims: '没有符合条件的理赔。',
  totalClaims: '共 {count} 条理赔',
  totalClaimsAtLeast: '至少 {count} 条理赔',
  nextPage: '下一页',
  previousPage: '上一页',
  loading: '加载中…',
  overdueBy: '已逾期 {duration}',
  left: '剩余 {duration}',
  noDueTime: '尚未计时（材料不全）',
  decided: '已决定',
  backToQueue: '返回队列',
  claim: '理赔',
  description: '描述',
  package: '包裹',
  trackingNumber: '运单号',
  packageStatus: '包裹状态',
  declaredValue: '申报价值',
  salePrice: '售价',
  shippingFee: '运费',
  estimatedWeight: '预估重量',
  actualWeight: '实际重量',
  grams: '{value} 克',
  notGiven: '未提供',
  deliveryAddress: '收货地址',
  memberCenterAddress: '会员中心地址',
  shippedAt: '发货时间',
  deliveredAt: '签收时间',
  signedBy: '签收人',
  paidTotal: '此包裹已赔付',
  maxCompensation: '仍可赔付上限（R5、R9）',
  flags: '标记（R12）',
  claimFlags: '提交时的标记（R12）',
  noFlags: '无',
  guarantee: '保障',
  orderNumber: '订单号',
  policyVersion: '条款版本',
  productValue: '商品价值',
  fee: '服务费',
  purchasedAt: '购买时间',
  riskSignals: '风险信号',
  riskSignalsNote: '风险信号仅供参考，不会自动作出决定。',
  noRiskSignals: '无风险信号。',
  documents: '材料',
  noDocuments: '尚无材料。',
  download: '下载 {name}',
  notUploaded: '尚未上传',
  missingDocuments: '缺少的材料（R13）',
  nothingMissing: '所需材料已齐全。',
  timeline: '时间线',
  decision: '决定',
  decide: '作出决定',
  rejectBeforePayout: '改为拒绝（赔付前）',
  approve: '批准',
  reject: '拒绝',
  outcome: '结果',
  auditedAmount: '核定金额（{currency}）',
  auditedAmountHelpDamage: '核定的损坏金额（R8）。',
  auditedAmountHelpPartial: '核定的缺失物品价值（R7）。',
  lossNeedsNoAmount: '全部丢失按公式赔付（R5、R6），无需核定金额。',
  payoutPreview: '批准后的赔付',
  payoutPreviewNote: '输入时即按与 API 相同的规则计算。',
  rule: '条款',
  line: '步骤',
  amount: '金额',
  payable: '应付',
  reasonCodes: '拒绝原因（R11）',
  note: '备注（可选）',
  approveClaim: '批准并赔付 {amount}',
  rejectClaim: '拒绝',
  cannotApprove: '只有审核中的理赔可以批准。',
  cannotDecide: '此理赔状态为{status}，无法再作决定。',
  recordPayout: '登记赔付',
  payoutReference: '付款流水号（银行或支付机构）',
  recordPayoutButton: '登记赔付',
  paid: '已于 {date} 赔付 {amount}，流水号 {reference}。',
  saved: '已保存。',
  breakdown: '计算明细',
  rejectedFor: '拒绝原因',
  from: '起始月份',
  to: '结束月份',
  show: '查看',
  month: '月份',
  currency: '币种',
  guaranteesSold: '售出保障',
  fees: '服务费',
  refunds: '退款',
  claimsFiled: '提交理赔',
  claimsApproved: '批准',
  claimsRejected: '拒绝',
  payouts: '赔付',
  lossRatio: '赔付率',
  medianHours: '决定用时中位数（小时）',
  withinPromise: '7 天内决定的比例',
  reportCaption: '按月份、店铺和币种统计的损失',
  noReportRows: '所选月份没有销售或理赔。',
  downloadCsv: '下载 CSV',
  chartLabel: '每月服务费与赔付',
  errorTitle: '出现错误',
  retry: '重试',
  notFound: '没有这条理赔，或此密钥无权查看。',
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Enum values in words, per locale. */
const VALUES: Record<Locale, Record<string, string>> = {
  en: {
    NEEDS_DOCUMENTS: 'Needs documents',
    UNDER_REVIEW: 'Under review',
    APPROVED: 'Approved',
    REJECTED: 'Rejected',
    PAID: 'Paid',
    LOSS: 'Complete loss',
    PARTIAL_LOSS: 'Partial loss',
    DAMAGE: 'Damage',
    NO_SIGNATURE: 'Delivered without signature',
    ADDRESS_MISMATCH: 'Delivery address differs from the Member Center address',
    WEIGHT_SHORTFALL: 'Weight shortfall',
    SHIPPED_BEFORE_PURCHASE: 'Shipped before the guarantee was bought',
    MEMBER_CLAIM_VELOCITY: 'Several claims by this member lately',
    ADDRESS_SHARED_BY_MEMBERS: 'Address shared by several members',
    CLAIM_SOON_AFTER_DELIVERY: 'Filed minutes after delivery',
    HIGH_VALUE_FIRST_ORDER: 'High-value first order',
    DESCRIPTION_REUSED: 'Description reused word for word',
    PROOF_OF_PURCHASE: 'Proof of purchase',
    ORDER_NOTIFICATION_EMAIL: 'Order notification email',
    PACKAGING_PHOTO: 'Photo of the packaging',
    CONTENTS_PHOTO: 'Photo of the contents',
    OTHER: 'Other evidence',
    REGISTERED: 'Registered',
    SHIPPED: 'Shipped',
    ARRIVED_AT_DESTINATION: 'At destination',
    DELIVERED: 'Delivered',
    LOST: 'Lost',
    ACTIVE: 'Active',
    CANCELLED: 'Cancelled',
    APPROVE: 'Approved',
    REJECT: 'Rejected',
  },
  'zh-CN': {
    NEEDS_DOCUMENTS: '待补材料',
    UNDER_REVIEW: '审核中',
    APPROVED: '已批准',
    REJECTED: '已拒绝',
    PAID: '已赔付',
    LOSS: '全部丢失',
    PARTIAL_LOSS: '部分丢失',
    DAMAGE: '损坏',
    NO_SIGNATURE: '无签收签名',
    ADDRESS_MISMATCH: '收货地址与会员中心地址不符',
    WEIGHT_SHORTFALL: '重量不足',
    SHIPPED_BEFORE_PURCHASE: '购买保障前已发货',
    MEMBER_CLAIM_VELOCITY: '该会员近期多次理赔',
    ADDRESS_SHARED_BY_MEMBERS: '多个会员使用同一地址',
    CLAIM_SOON_AFTER_DELIVERY: '签收后数分钟内提交',
    HIGH_VALUE_FIRST_ORDER: '高价值首单',
    DESCRIPTION_REUSED: '描述与其他理赔完全相同',
    PROOF_OF_PURCHASE: '购买凭证',
    ORDER_NOTIFICATION_EMAIL: '订单通知邮件',
    PACKAGING_PHOTO: '外包装照片',
    CONTENTS_PHOTO: '内件照片',
    OTHER: '其他材料',
    REGISTERED: '已登记',
    SHIPPED: '运输中',
    ARRIVED_AT_DESTINATION: '已到达目的地',
    DELIVERED: '已签收',
    LOST: '已丢失',
    ACTIVE: '有效',
    CANCELLED: '已取消',
    APPROVE: '已批准',
    REJECT: '已拒绝',
  },
};

const STORAGE_KEY = 'lg-console.locale';
const listeners = new Set<() => void>();

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // Storage may be off; the browser's language decides.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let current: Locale = initialLocale();

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; still applied.
  }
  for (const listener of listeners) listener();
}

/** A message in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[current][key].replace(/\{(\w+)\}/g, (_m, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

/** An enum value in words; the value itself when the console does not know it yet. */
export function term(value: string): string {
  return VALUES[current][value] ?? value;
}

/** Re-renders its host when the language changes. */
class LocaleController implements ReactiveController {
  readonly #update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {}
  hostConnected(): void {
    listeners.add(this.#update);
  }
  hostDisconnected(): void {
    listeners.delete(this.#update);
  }
}

/** Makes `host` render again whenever the language changes. */
export function followLocale(host: ReactiveControllerHost): void {
  host.addController(new LocaleController(host));
}
