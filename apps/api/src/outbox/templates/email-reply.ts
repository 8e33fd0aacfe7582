// The one reply to a member's claim email (Claims by email): the claim's reference (R20), its
// status and what is still missing (R13), or why nothing was filed (R14-R16 in words), in
// English or in Chinese when the member wrote in Chinese.
import { KEEP_EVIDENCE_NOTICE, type PolicyVersion } from '@lg/domain';
import { type Block, claimTypeLabel, documentLabel, formatDate, renderBlocks } from './layout.js';
import type { AttachmentRefusal, EmailReplyJson, RenderedEmail } from './types.js';

export interface EmailReplyEmail {
  reply: EmailReplyJson;
  /** The policy version of the claim's guarantee; null when the mail matched no guarantee. */
  policy: PolicyVersion | null;
  storefrontName: string;
}

const SUBJECT_FORMAT = 'Member ID+Order Number+Claim';

const ZH_DOCUMENTS: Record<string, string> = {
  PROOF_OF_PURCHASE: '购买凭证（发票或交易记录，含商品内容和价值）',
  ORDER_NOTIFICATION_EMAIL: '订单通知邮件',
  PACKAGING_PHOTO: '外包装照片',
  CONTENTS_PHOTO: '包裹内物品照片',
  OTHER: '其他证明材料',
};
const ZH_TYPES: Record<string, string> = {
  LOSS: '包裹丢失',
  PARTIAL_LOSS: '包裹少件',
  DAMAGE: '物品损坏',
};
const ZH_STATUSES: Record<string, string> = {
  NEEDS_DOCUMENTS: '待补充材料',
  UNDER_REVIEW: '审核中',
  APPROVED: '已批准',
  REJECTED: '已拒绝',
  PAID: '已赔付',
};
const EN_STATUSES: Record<string, string> = {
  NEEDS_DOCUMENTS: 'waiting for documents',
  UNDER_REVIEW: 'under review',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  PAID: 'paid',
};
const ZH_REFUSALS: Record<string, string> = {
  NOT_COVERED: '该包裹没有此会员的物流保障',
  GUARANTEE_CANCELLED: '该订单的物流保障已取消',
  NOT_DELIVERED: '包裹尚未签收：损坏和少件须在签收后申请',
  ALREADY_DELIVERED: '包裹已签收，不能按丢失申请',
  LOSS_NOT_YET_CLAIMABLE: '承运商尚未报告包裹丢失，包裹也未超期',
  PACKAGE_UNCLAIMED: '包裹到达目的地后超过 30 天无人领取',
  CLAIM_WINDOW_EXPIRED: '损坏和少件须在签收后 24 小时内申请，已超过时限',
  CAP_REACHED: '该包裹已获得物流保障的最高赔付',
  CLAIM_ALREADY_OPEN: '该包裹已有一个处理中的理赔',
  TOO_MANY_DOCUMENTS: '一个理赔最多 20 份材料',
  INVALID_TRANSITION: '该理赔已有决定，不再接收材料',
};
const EN_ATTACHMENT: Record<AttachmentRefusal, string> = {
  TYPE: 'not a PDF, an image (PNG, JPEG, WebP, HEIC) or an email',
  CONTENT: 'its contents are not the kind of file its name or type says',
  SIZE: 'too large',
  NAME: 'its file name is not usable',
  LIMIT: 'more attachments than one mail may carry',
};
const ZH_ATTACHMENT: Record<AttachmentRefusal, string> = {
  TYPE: '不是 PDF、图片（PNG、JPEG、WebP、HEIC）或邮件',
  CONTENT: '文件内容与其名称或类型不符',
  SIZE: '文件过大',
  NAME: '文件名无法使用',
  LIMIT: '超过一封邮件可带的附件数',
};

export function emailReplyEmail({ reply, policy, storefrontName }: EmailReplyEmail): RenderedEmail {
  const blocks =
    reply.language === 'zh' ? chinese(reply, policy) : english(reply, policy, storefrontName);
  const rendered = renderBlocks(
    `Re: ${reply.subject}`.slice(0, 250),
    blocks,
    reply.language === 'zh' ? 'zh-CN' : 'en',
  );
  return reply.inReplyTo ? { ...rendered, inReplyTo: reply.inReplyTo } : rendered;
}

function english(reply: EmailReplyJson, policy: PolicyVersion | null, shop: string): Block[] {
  const blocks: Block[] = [];
  const claim = reply.claim;
  const say = (text: string) => blocks.push({ kind: 'paragraph', text });
  switch (reply.answer) {
    case 'FILED':
      blocks.push({ kind: 'heading', text: 'We have received your claim' });
      break;
    case 'DOCUMENTS_ADDED':
      blocks.push({ kind: 'heading', text: 'We have added your documents to your claim' });
      break;
    case 'STATUS':
      blocks.push({ kind: 'heading', text: 'Your claim' });
      break;
    case 'ASK_CLAIM_TYPE':
      blocks.push({ kind: 'heading', text: 'What happened to your package?' });
      say(
        'Nothing has been filed yet: your mail does not say whether the package was lost, whether items are missing from it, or whether they arrived damaged. Please write again with the same subject, say which of the three it is, and attach your documents again.',
      );
      break;
    case 'ASK_PACKAGE':
      blocks.push({ kind: 'heading', text: 'Which package is your claim about?' });
      say(
        `Order ${reply.orderNumber} was shipped in several packages. Nothing has been filed yet: please write again with the same subject, name the tracking number of the package concerned in your message, and attach your documents again. The tracking numbers are:`,
      );
      blocks.push({ kind: 'list', items: reply.trackingNumbers });
      break;
    case 'NO_PACKAGE':
      blocks.push({ kind: 'heading', text: 'No package to claim on yet' });
      say(
        `No package of order ${reply.orderNumber} has been registered with us yet, so nothing can be claimed on it. Please write again once ${shop} has shipped it.`,
      );
      break;
    case 'REFUSED':
      blocks.push({ kind: 'heading', text: 'Your claim could not be accepted' });
      say(
        `Reason: ${reply.refusal?.message ?? 'refused'} (${reply.refusal?.code ?? 'REFUSED'}). Nothing was filed.`,
      );
      break;
    case 'NOT_THE_MEMBER':
      blocks.push({ kind: 'heading', text: 'We could not match your mail to an order' });
      say(
        `Claims by email are accepted only from the email address the member gave with the order, with the subject "${SUBJECT_FORMAT}". We found no guaranteed order matching this subject for your address, so nothing was filed.`,
      );
      break;
    case 'UNREADABLE_SUBJECT':
      blocks.push({ kind: 'heading', text: 'Please use the claim subject' });
      say(
        `To claim by email, write with the subject "${SUBJECT_FORMAT}", for example M1042+SO-88817+Claim. Nothing was filed.`,
      );
      break;
    case 'TOO_MANY_ATTACHMENTS':
      blocks.push({ kind: 'heading', text: 'Too many attachments' });
      say(
        `One mail may carry at most ${reply.maxAttachments} attachments. Nothing was filed: please send your documents in several mails with the same subject.`,
      );
      break;
  }
  if (claim) {
    blocks.push({
      kind: 'table',
      rows: [
        ['Reference', claim.reference],
        ['Claim', claimTypeLabel(claim.type)],
        ['Package', claim.trackingNumber],
        ['Status', EN_STATUSES[claim.status] ?? claim.status],
      ],
    });
    say(`Please keep the subject ${claim.reference} in every mail about this claim.`);
  }
  if (reply.accepted.length > 0) {
    say('We took these attachments:');
    blocks.push({
      kind: 'list',
      items: reply.accepted.map((a) => `${a.fileName}: ${documentLabel(a.kind)}`),
    });
  }
  if (reply.rejected.length > 0) {
    say('We could not take these attachments:');
    blocks.push({
      kind: 'list',
      items: reply.rejected.map((a) => `${a.fileName}: ${EN_ATTACHMENT[a.reason]}`),
    });
  }
  if (claim && (claim.status === 'NEEDS_DOCUMENTS' || claim.status === 'UNDER_REVIEW')) {
    if (claim.missingDocuments.length > 0) {
      say(
        'We still need these documents before the review can start; reply to this mail with them attached:',
      );
      blocks.push({ kind: 'list', items: claim.missingDocuments.map(documentLabel) });
    } else {
      say(
        claim.dueAt
          ? `All documents are in. You will have our decision by ${formatDate(claim.dueAt)}.`
          : `All documents are in. You will have our decision within ${policy?.responseDays ?? 7} days.`,
      );
    }
    blocks.push({ kind: 'notice', text: KEEP_EVIDENCE_NOTICE });
  }
  return blocks;
}

function chinese(reply: EmailReplyJson, policy: PolicyVersion | null): Block[] {
  const blocks: Block[] = [];
  const claim = reply.claim;
  const say = (text: string) => blocks.push({ kind: 'paragraph', text });
  const zhDoc = (kind: string) => ZH_DOCUMENTS[kind] ?? kind;
  switch (reply.answer) {
    case 'FILED':
      blocks.push({ kind: 'heading', text: '我们已收到您的理赔申请' });
      break;
    case 'DOCUMENTS_ADDED':
      blocks.push({ kind: 'heading', text: '您的材料已加入理赔' });
      break;
    case 'STATUS':
      blocks.push({ kind: 'heading', text: '您的理赔' });
      break;
    case 'ASK_CLAIM_TYPE':
      blocks.push({ kind: 'heading', text: '您的包裹发生了什么？' });
      say(
        '尚未提交理赔：邮件没有说明包裹是丢失、少件还是物品损坏。请用相同的主题再写一封邮件，说明是哪一种情况，并重新附上材料。',
      );
      break;
    case 'ASK_PACKAGE':
      blocks.push({ kind: 'heading', text: '您的理赔针对哪个包裹？' });
      say(
        `订单 ${reply.orderNumber} 分多个包裹发出。尚未提交理赔：请用相同的主题再写一封邮件，在正文中写明相关包裹的运单号，并重新附上材料。运单号如下：`,
      );
      blocks.push({ kind: 'list', items: reply.trackingNumbers });
      break;
    case 'NO_PACKAGE':
      blocks.push({ kind: 'heading', text: '暂无可理赔的包裹' });
      say(`订单 ${reply.orderNumber} 还没有登记任何包裹，暂时无法理赔。请在商家发货后再来信。`);
      break;
    case 'REFUSED':
      blocks.push({ kind: 'heading', text: '无法受理您的理赔' });
      say(
        `原因：${(reply.refusal && ZH_REFUSALS[reply.refusal.code]) ?? reply.refusal?.message ?? '拒绝'}（${reply.refusal?.code ?? 'REFUSED'}）。未提交任何理赔。`,
      );
      break;
    case 'NOT_THE_MEMBER':
      blocks.push({ kind: 'heading', text: '无法将您的邮件与订单对应' });
      say(
        `邮件理赔只接受会员下单时留下的邮箱地址发来的邮件，主题为"${SUBJECT_FORMAT}"。我们没有找到与此主题和您的地址相符的受保障订单，未提交任何理赔。`,
      );
      break;
    case 'UNREADABLE_SUBJECT':
      blocks.push({ kind: 'heading', text: '请使用理赔邮件主题' });
      say(`邮件理赔请使用主题"${SUBJECT_FORMAT}"，例如 M1042+SO-88817+Claim。未提交任何理赔。`);
      break;
    case 'TOO_MANY_ATTACHMENTS':
      blocks.push({ kind: 'heading', text: '附件过多' });
      say(
        `一封邮件最多可带 ${reply.maxAttachments} 个附件。未提交任何理赔：请用相同的主题分几封邮件发送材料。`,
      );
      break;
  }
  if (claim) {
    blocks.push({
      kind: 'table',
      rows: [
        ['理赔编号', claim.reference],
        ['理赔类型', ZH_TYPES[claim.type] ?? claim.type],
        ['包裹', claim.trackingNumber],
        ['状态', ZH_STATUSES[claim.status] ?? claim.status],
      ],
    });
    say(`有关此理赔的每封邮件请保留主题 ${claim.reference}。`);
  }
  if (reply.accepted.length > 0) {
    say('我们已收下这些附件：');
    blocks.push({
      kind: 'list',
      items: reply.accepted.map((a) => `${a.fileName}：${zhDoc(a.kind)}`),
    });
  }
  if (reply.rejected.length > 0) {
    say('这些附件未能收下：');
    blocks.push({
      kind: 'list',
      items: reply.rejected.map((a) => `${a.fileName}：${ZH_ATTACHMENT[a.reason]}`),
    });
  }
  if (claim && (claim.status === 'NEEDS_DOCUMENTS' || claim.status === 'UNDER_REVIEW')) {
    if (claim.missingDocuments.length > 0) {
      say('审核开始前我们还需要以下材料，请回复此邮件并附上：');
      blocks.push({ kind: 'list', items: claim.missingDocuments.map(zhDoc) });
    } else {
      say(
        claim.dueAt
          ? `材料已齐全。我们将在 ${formatDate(claim.dueAt)} 前给出决定。`
          : `材料已齐全。我们将在 ${policy?.responseDays ?? 7} 天内给出决定。`,
      );
    }
    say('重要：在审核完成之前，请保留包裹的全部包装和物品。');
  }
  return blocks;
}
