// Emails are written once as a few blocks and rendered twice, as plain text and as HTML, so
// the two versions can't drift apart. Every value is escaped in the HTML.
import { formatDecimal, money } from '@lg/domain';
import type { BreakdownLineJson, MoneyJson, RenderedEmail } from './types.js';

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Set apart: something the member must act on (R18). */
  | { kind: 'notice'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: [string, string][] };

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Renders the blocks; `lang` is the language they are written in (the HTML's `lang`). */
export function renderBlocks(subject: string, blocks: Block[], lang = 'en'): RenderedEmail {
  return { subject, text: renderText(blocks), html: renderHtml(subject, blocks, lang) };
}

function renderText(blocks: Block[]): string {
  return `${blocks.map(blockText).join('\n\n')}\n`;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${'='.repeat(Math.min(block.text.length, 72))}`;
    case 'paragraph':
      return block.text;
    case 'notice':
      return `IMPORTANT: ${block.text}`;
    case 'list':
      return block.items.map((item) => `  - ${item}`).join('\n');
    case 'table': {
      const width = Math.max(...block.rows.map(([label]) => label.length));
      return block.rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
    }
  }
}

function renderHtml(subject: string, blocks: Block[], lang: string): string {
  const body = blocks.map(blockHtml).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:15px;line-height:1.5;color:#111;max-width:600px;margin:0 auto;padding:24px">
${body}
</body></html>
`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(block.text)}</h1>`;
    case 'paragraph':
      return `<p style="margin:0 0 12px">${escapeHtml(block.text)}</p>`;
    case 'notice':
      return `<p style="margin:0 0 12px;padding:12px;border-left:4px solid #b45309;background:#fffbeb"><strong>Important:</strong> ${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul style="margin:0 0 12px;padding-left:20px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'table':
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;font-weight:normal;color:#555">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
  }
}

/** "$45.68": exact, from the Decimal string (never through a float). */
export function formatMoney(value: MoneyJson): string {
  return formatAmount(value.amount, value.currencyCode);
}

// A formatter per currency, made once: building an Intl.NumberFormat costs far more than
// formatting with it, and every member email formats several amounts.
const CURRENCY_FORMATS = new Map<string, Intl.NumberFormat | null>();

function currencyFormat(currency: string): Intl.NumberFormat | null {
  let format = CURRENCY_FORMATS.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      format = null;
    }
    // Codes come from stored rows; the bound only guards against a flood of odd ones.
    if (CURRENCY_FORMATS.size < 256) CURRENCY_FORMATS.set(currency, format);
  }
  return format;
}

function formatAmount(amount: string, currency: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return `${amount} ${currency}`;
  const format = currencyFormat(currency);
  return format ? format.format(amount as `${number}`) : `${amount} ${currency}`;
}

/** Minor units as shown to members, via the domain's exact formatting. */
export function formatMinor(minor: number, currency: string): string {
  return formatAmount(formatDecimal(money(minor, currency)), currency);
}

export function formatBreakdownLine(line: BreakdownLineJson): string {
  return formatMoney(line.amount);
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "Thursday, 10 December 2026 at 14:05 UTC". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${DATE_FORMAT.format(date)} UTC`;
}

const DOCUMENT_LABELS: Record<string, string> = {
  PROOF_OF_PURCHASE:
    'Proof of purchase: an invoice or transaction record showing the contents and their value',
  ORDER_NOTIFICATION_EMAIL: 'The order notification email you received from the shop',
  PACKAGING_PHOTO: 'Photos of the packaging',
  CONTENTS_PHOTO: 'Photos of the contents',
  OTHER: 'Other supporting documents',
};

export function documentLabel(kind: string): string {
  return DOCUMENT_LABELS[kind] ?? kind;
}

const CLAIM_TYPE_LABELS: Record<string, string> = {
  LOSS: 'lost package',
  PARTIAL_LOSS: 'items missing from a package',
  DAMAGE: 'damaged items',
};

export function claimTypeLabel(type: string): string {
  return CLAIM_TYPE_LABELS[type] ?? type;
}
