import type { Messages } from './messages.js';

/** Simplified Chinese. */
export const zh: Messages = {
  lang: 'zh-CN',
  label: '添加物流保障',
  loading: '正在获取价格…',
  covered: (max, hours) =>
    `运输中丢失或损坏可获赔付，每个包裹最高 ${max}；损坏须在签收后 ${hours} 小时内申报。`,
  empty: '购物车有商品后即可添加保障。',
  unavailable: '物流保障暂不可用。',
  details: '保障范围与理赔',
  loss: (max, share) => `丢失：赔付商品价值及 ${share} 运费，每个包裹最高 ${max}。`,
  damage: (share, cap) => `损坏：最高赔付 ${share} 运费，另加商品 ${cap}。`,
  minimumFee: (fee) => `保障费最低 ${fee}。`,
  exclusions: '不予保障',
  claims: '理赔',
  claimWindow: (hours) => `损坏或缺件须在签收后 ${hours} 小时内申报。`,
  documents: '需提供购买凭证、订单邮件；损坏还需包裹照片。',
  unclaimed: (days) => `包裹到达后超过 ${days} 天未领取的不予保障。`,
  response: (days) => `资料齐全后 ${days} 天内答复。`,
};
