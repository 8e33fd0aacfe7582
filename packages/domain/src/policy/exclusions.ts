import type { ClaimReasonCode } from '../claims/claim-vocabulary.js';
import { deepFreeze } from '../internal/deep-freeze.js';
import { type ExclusionKind, exclusionKind } from './exclusion-kind.js';

/** An exclusion's wording in one language. */
export interface ExclusionWording {
  /** A short label for lists, e.g. "Natural disaster". */
  title: string;
  /** The terms' wording in plain words. */
  description: string;
}

/** R11: one reason a claim can be rejected, as shown to members ("learn more", rejections). */
export interface Exclusion extends ExclusionWording {
  code: ClaimReasonCode;
  /** Something the guarantee never covers, or a condition of claiming (see exclusionKind). */
  kind: ExclusionKind;
  /** The wording in other languages, by BCP 47 tag (e.g. "zh-CN"); English is the default. */
  translations: Readonly<Record<string, ExclusionWording>>;
}

// The kind is derived from the code, never written twice, so the two cannot disagree.
function withKinds(exclusions: Omit<Exclusion, 'kind'>[]): Exclusion[] {
  return exclusions.map((exclusion) => ({ ...exclusion, kind: exclusionKind(exclusion.code) }));
}

/**
 * Every R11 exclusion of policy 2026-11, in POLICY.md order (the circumstances first, then the
 * claim conditions); wording from the terms page, with its Simplified Chinese translation.
 */
export const EXCLUSIONS_2026_11: readonly Exclusion[] = deepFreeze(
  withKinds([
    {
      code: 'NATURAL_DETERIORATION',
      title: 'Natural deterioration',
      description: 'Damage or loss caused by the natural deterioration or loss of the goods.',
      translations: {
        'zh-CN': {
          title: '商品自然损耗',
          description: '商品因自然老化、变质或损耗造成的损坏或丢失。',
        },
      },
    },
    {
      code: 'NATURAL_DISASTER',
      title: 'Natural disaster',
      description:
        'Damage or loss caused during transport by severe weather, lightning, tsunamis, earthquakes, floods, tornadoes, storms, fires, plagues, fog, snow, frost or geological disasters.',
      translations: {
        'zh-CN': {
          title: '自然灾害',
          description:
            '运输途中因恶劣天气、雷电、海啸、地震、洪水、龙卷风、风暴、火灾、疫病、大雾、降雪、霜冻或地质灾害造成的损坏或丢失。',
        },
      },
    },
    {
      code: 'TEMPERATURE_OR_HUMIDITY',
      title: 'Temperature or humidity',
      description: 'Damage caused by any change in temperature or humidity.',
      translations: {
        'zh-CN': { title: '温度或湿度变化', description: '因温度或湿度的任何变化造成的损坏。' },
      },
    },
    {
      code: 'INCORRECT_ADDRESS',
      title: 'Incorrect delivery address',
      description: 'The package was sent to an incorrect delivery address.',
      translations: {
        'zh-CN': { title: '收货地址错误', description: '包裹被寄往错误的收货地址。' },
      },
    },
    {
      code: 'INACCURATE_ORDER_INFORMATION',
      title: 'Inaccurate order information',
      description: 'The order information was inaccurate.',
      translations: { 'zh-CN': { title: '订单信息不准确', description: '订单信息不准确。' } },
    },
    {
      code: 'NO_SIGNATURE',
      title: 'No signature',
      description: 'The package was delivered without a signature.',
      translations: {
        'zh-CN': { title: '无人签收', description: '包裹在无人签收的情况下被派送。' },
      },
    },
    {
      code: 'SUSPECTED_FRAUD',
      title: 'Suspected fraud',
      description: 'The order is suspicious or fraudulent.',
      translations: { 'zh-CN': { title: '可疑或欺诈订单', description: '订单可疑或存在欺诈。' } },
    },
    {
      code: 'BUYER_UNREACHABLE',
      title: 'Buyer unreachable',
      description: 'The buyer could not be contacted.',
      translations: { 'zh-CN': { title: '无法联系买家', description: '无法联系到买家。' } },
    },
    {
      code: 'NO_WAREHOUSE_SIGNATURE',
      title: 'No warehouse signature',
      description:
        'The package has no valid signature from the consignee at the warehouse, nor certified proof that a responsible overseas courier delivered it to our overseas warehouse.',
      translations: {
        'zh-CN': {
          title: '仓库无签收证明',
          description:
            '包裹在仓库没有收货人的有效签收，也没有负责的海外快递已将其送达海外仓的认证证明。',
        },
      },
    },
    {
      code: 'ADDRESS_MISMATCH',
      title: 'Address differs from Member Center',
      description:
        'The delivery address is wrong or inaccurate and does not match the address given in the Member Center.',
      translations: {
        'zh-CN': {
          title: '地址与会员中心不符',
          description: '收货地址有误或不准确，且与会员中心填写的地址不一致。',
        },
      },
    },
    {
      code: 'RECIPIENT_FAULT',
      title: "Recipient's fault",
      description: "The package was lost through the recipient's fault.",
      translations: {
        'zh-CN': { title: '收件人原因', description: '因收件人的过错导致包裹丢失。' },
      },
    },
    {
      code: 'MARKET_PRICE_FLUCTUATION',
      title: 'Market price changes',
      description: 'Losses caused by changes in market prices.',
      translations: {
        'zh-CN': { title: '市场价格变动', description: '因市场价格变动造成的损失。' },
      },
    },
    {
      code: 'CIVIL_DISTURBANCE',
      title: 'Accidents, unrest or war',
      description:
        'Shipping accidents, invasions, riots, strikes or other regional disputes during transport, such as civil unrest, terrorist attacks or wars.',
      translations: {
        'zh-CN': {
          title: '事故、动乱或战争',
          description:
            '运输途中发生的运输事故、入侵、暴乱、罢工或其他地区争端，如内乱、恐怖袭击或战争。',
        },
      },
    },
    {
      code: 'RADIOACTIVE_CONTAMINATION',
      title: 'Radioactive contamination',
      description: 'Damage or loss caused by radioactive contamination.',
      translations: {
        'zh-CN': { title: '放射性污染', description: '因放射性污染造成的损坏或丢失。' },
      },
    },
    {
      code: 'SANCTIONS',
      title: 'Sanctions',
      description: 'Losses caused by control sanctions.',
      translations: { 'zh-CN': { title: '制裁', description: '因管制制裁造成的损失。' } },
    },
    {
      code: 'TRADE_RESTRICTION',
      title: 'Import or export ban',
      description:
        'Any temporary ban or restriction on the export or import of the goods imposed in the area they are shipped from or to.',
      translations: {
        'zh-CN': {
          title: '进出口禁令',
          description: '发货地或目的地对商品进出口实施的任何临时禁令或限制。',
        },
      },
    },
    {
      code: 'CONTENTS_UNDAMAGED',
      title: 'Contents not damaged',
      description:
        'The package arrived intact, or only the outer packaging was twisted, destroyed or damaged while the contents were not.',
      translations: {
        'zh-CN': {
          title: '商品未损坏',
          description: '包裹完好送达，或仅外包装扭曲、破损而内装商品完好。',
        },
      },
    },
    {
      code: 'MISSING_DOCUMENTS',
      title: 'Missing documents',
      description:
        'A required document is missing (proof of purchase, order notification email, and for damage or partial loss photos of the packaging and contents), or the necessary details could not be confirmed.',
      translations: {
        'zh-CN': {
          title: '缺少材料',
          description:
            '缺少所需材料（购买凭证、订单通知邮件；损坏或部分丢失还需包装和商品照片），或必要信息无法确认。',
        },
      },
    },
    {
      code: 'CLAIM_WINDOW_EXPIRED',
      title: 'Claimed too late',
      description:
        'Damage and partial-loss claims must be made within 24 hours after the package was received.',
      translations: {
        'zh-CN': { title: '申报超时', description: '损坏和部分丢失须在签收后 24 小时内申报。' },
      },
    },
    {
      code: 'PACKAGE_UNCLAIMED',
      title: 'Package left unclaimed',
      description:
        'The package stayed unclaimed for more than 30 days after arriving at the destination.',
      translations: {
        'zh-CN': { title: '包裹未领取', description: '包裹到达目的地后超过 30 天未被领取。' },
      },
    },
    {
      code: 'NOT_COVERED',
      title: 'Not covered',
      description: 'The order or package has no Logistics Guarantee.',
      translations: { 'zh-CN': { title: '未购买保障', description: '该订单或包裹没有物流保障。' } },
    },
  ]),
);
