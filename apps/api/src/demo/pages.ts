// The demo shop's pages: the cart with the widget, and the order confirmation.
import {
  cents,
  decimal,
  escapeHtml,
  FIELD,
  MAX_QUANTITY,
  type Money,
  orderedLines,
  PRODUCTS,
  type PurchaseOutcome,
  usd,
} from './catalogue.js';

function purchasedText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}

const STYLE = `
  :root { color-scheme: light dark; --ink: #1d2330; --muted: #5b6475; --line: #dfe3ea; --bg: #f6f7f9; --card: #fff; --brand: #2454d6; }
  @media (prefers-color-scheme: dark) { :root { --ink: #e8ebf1; --muted: #a4acbb; --line: #343b48; --bg: #12151b; --card: #1b1f27; --brand: #7fa2ff; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
  header { background: var(--card); border-bottom: 1px solid var(--line); }
  header .bar { max-width: 960px; margin: 0 auto; padding: 14px 20px; display: flex; justify-content: space-between; align-items: center; }
  .logo { font-weight: 800; letter-spacing: .02em; }
  .logo span { color: var(--brand); }
  main { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
  h1 { font-size: 1.6rem; margin: 0 0 16px; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 24px; align-items: start; }
  @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
  .card { min-width: 0; background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 20px; }
  .item { display: grid; grid-template-columns: 56px 1fr auto; gap: 14px; align-items: center; padding: 14px 0; border-bottom: 1px solid var(--line); }
  .item:last-child { border-bottom: 0; }
  .thumb { width: 56px; height: 56px; border-radius: 10px; }
  .item h2 { font-size: 1rem; margin: 0; }
  .muted { color: var(--muted); font-size: .9rem; }
  .qty { display: flex; align-items: center; gap: 8px; margin-top: 6px; }
  .qty input { width: 4.5em; padding: 4px 6px; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: transparent; color: inherit; }
  .price { font-variant-numeric: tabular-nums; font-weight: 600; text-align: right; }
  dl.sum { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 6px 12px; margin: 0 0 16px; font-variant-numeric: tabular-nums; }
  dl.sum dd { margin: 0; text-align: right; min-width: 0; overflow-wrap: anywhere; }
  dl.sum .total { font-weight: 700; font-size: 1.1rem; border-top: 1px solid var(--line); padding-top: 8px; }
  fieldset { border: 0; padding: 0; margin: 0 0 16px; display: grid; gap: 10px; }
  legend { font-weight: 600; margin-bottom: 6px; }
  label.field { display: grid; gap: 4px; font-size: .9rem; }
  label.field input { padding: 8px 10px; font: inherit; border: 1px solid var(--line); border-radius: 8px; background: transparent; color: inherit; }
  logistics-guarantee { margin: 0 0 16px; --lg-accent-color: var(--brand); }
  logistics-guarantee:not(:defined) { display: block; min-height: 118px; }
  button { width: 100%; padding: 12px; font: inherit; font-weight: 700; color: #fff; background: var(--brand); border: 0; border-radius: 10px; cursor: pointer; }
  @media (prefers-color-scheme: dark) { button { color: #0b1020; } }
  .note { font-size: .85rem; color: var(--muted); margin-top: 12px; }
  .ok { border-left: 4px solid #2e9d5b; }
  .warn { border-left: 4px solid #c98a12; }
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { text-align: left; padding: 6px 0; border-bottom: 1px solid var(--line); }
  td.num, th.num { text-align: right; }
  a { color: var(--brand); }
  logistics-guarantee-claims { display: block; min-width: 0; --lg-background: var(--card); --lg-border-color: var(--line); --lg-radius: 12px; --lg-accent-color: var(--brand); --lg-accent-text-color: #fff; }
  @media (prefers-color-scheme: dark) { logistics-guarantee-claims { --lg-accent-text-color: #0b1020; --lg-error-color: #ff8a80; } }
  form.inline { display: inline; }
  button.small { width: auto; padding: 4px 12px; font-weight: 600; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

export function page(title: string, content: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Summit Outfitters (demo)</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header><div class="bar"><div class="logo">Summit <span>Outfitters</span></div><nav class="muted">Demo storefront · Logistics Guarantee · <a href="/">Cart</a> · <a href="/account">My account</a></nav></div></header>
<main>
${content}
</main>
${script}
</body>
</html>`;
}

export function cartPage(publishableKey: string, orderNumber: string): string {
  const subtotal = PRODUCTS.reduce((sum, p) => sum + cents(p.unitPrice) * p.quantity, 0);
  const items = PRODUCTS.map(
    (
      p,
    ) => `<div class="item" data-sku="${escapeHtml(p.sku)}" data-title="${escapeHtml(p.title)}" data-price="${escapeHtml(p.unitPrice)}">
        <div class="thumb" style="background:${escapeHtml(p.swatch)}" aria-hidden="true"></div>
        <div>
          <h2>${escapeHtml(p.title)}</h2>
          <div class="muted">${escapeHtml(p.sku)} · ${usd(cents(p.unitPrice))} each</div>
          <label class="qty">Quantity <input type="number" name="qty_${escapeHtml(p.sku)}" value="${p.quantity}" min="0" max="${MAX_QUANTITY}" inputmode="numeric"></label>
        </div>
        <div class="price" data-line-total>${usd(cents(p.unitPrice) * p.quantity)}</div>
      </div>`,
  ).join('\n      ');

  const content = `<h1>Your cart</h1>
<form class="layout" method="post" action="/demo/checkout">
  <section class="card" aria-label="Items">
      ${items}
  </section>
  <aside class="card" aria-label="Checkout">
    <dl class="sum">
      <dt>Subtotal</dt><dd id="subtotal">${usd(subtotal)}</dd>
      <dt>Shipping protection</dt><dd id="protection">—</dd>
      <dt class="total">Total</dt><dd class="total" id="total">${usd(subtotal)}</dd>
    </dl>
    <logistics-guarantee publishable-key="${escapeHtml(publishableKey)}" product-value="${decimal(subtotal)}" currency-code="USD" name="${FIELD}"></logistics-guarantee>
    <fieldset>
      <legend>Member</legend>
      <label class="field">Member ID <input name="memberId" value="M1042" required autocomplete="off"></label>
      <label class="field">Email <input name="memberEmail" type="email" value="member@example.com" required autocomplete="email"></label>
    </fieldset>
    <input type="hidden" name="orderNumber" value="${escapeHtml(orderNumber)}">
    <button type="submit">Place order ${escapeHtml(orderNumber)}</button>
    <p class="note">Demo only: no payment is taken. The guarantee is bought server-side with the storefront's secret key.</p>
  </aside>
</form>`;

  // Runs before the widget's module, so the first quote already uses the cart lines.
  const script = `<script type="module">
  const widget = document.querySelector('logistics-guarantee');
  const rows = [...document.querySelectorAll('[data-sku]')];
  const money = (minor) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
  const toCents = (decimal) => Math.round(Number(decimal) * 100);
  let subtotal = 0;
  let fee = null;
  function totals() {
    document.getElementById('subtotal').textContent = money(subtotal);
    document.getElementById('protection').textContent = fee ? money(toCents(fee.amount)) : '—';
    document.getElementById('total').textContent = money(subtotal + (fee ? toCents(fee.amount) : 0));
  }
  function update() {
    const lines = rows.map((row) => {
      const input = row.querySelector('input');
      const quantity = Math.min(${MAX_QUANTITY}, Math.max(0, Number.parseInt(input.value, 10) || 0));
      row.querySelector('[data-line-total]').textContent = money(toCents(row.dataset.price) * quantity);
      return { sku: row.dataset.sku, title: row.dataset.title, unitPrice: row.dataset.price, quantity };
    }).filter((line) => line.quantity > 0);
    subtotal = lines.reduce((sum, line) => sum + toCents(line.unitPrice) * line.quantity, 0);
    widget.lines = lines;
    widget.setAttribute('product-value', (subtotal / 100).toFixed(2));
    totals();
  }
  for (const row of rows) row.querySelector('input').addEventListener('input', update);
  widget.addEventListener('logistics-guarantee-change', (event) => {
    fee = event.detail.selected ? event.detail.fee : null;
    totals();
  });
  update();
</script>
<script type="module" src="/widget/logistics-guarantee.js"></script>`;

  return page('Cart', content, script);
}

function moneyText(money: Money): string {
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: money.currencyCode,
    }).format(Number(money.amount));
  } catch {
    return `${money.amount} ${money.currencyCode}`;
  }
}

/** The demo's claim mailbox: the address members write to and the SMTP listener's port. */
export interface ClaimsByEmail {
  address: string;
  smtpPort: number;
}

export function confirmationPage(
  form: URLSearchParams,
  outcome: PurchaseOutcome,
  claimsByEmail: ClaimsByEmail | null = null,
): string {
  const lines = orderedLines(form);
  const subtotal = lines.reduce((sum, line) => sum + line.total, 0);
  const fee = outcome.kind === 'bought' ? outcome.guarantee.fee : null;
  const rows = lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.title)}</td><td class="num">${line.quantity}</td><td class="num">${usd(line.total)}</td></tr>`,
    )
    .join('');
  let guarantee: string;
  switch (outcome.kind) {
    case 'bought': {
      const g = outcome.guarantee;
      guarantee = `<section class="card ok" aria-labelledby="g">
  <h2 id="g">Protection added</h2>
  <dl class="sum">
    <dt>Order</dt><dd>${escapeHtml(g.orderNumber)}</dd>
    <dt>Status</dt><dd>${g.status === 'ACTIVE' ? 'Active' : escapeHtml(g.status)}</dd>
    <dt>Fee</dt><dd>${escapeHtml(moneyText(g.fee))}</dd>
    <dt>Protected value</dt><dd>${escapeHtml(moneyText(g.productValue))}</dd>
    <dt>Policy version</dt><dd>${escapeHtml(g.policyVersion)}</dd>
    <dt>Purchased</dt><dd>${escapeHtml(purchasedText(g.purchasedAt))}</dd>
  </dl>
  ${claimsByEmail ? claimByEmailNote(form.get('memberId') ?? '', g.orderNumber, claimsByEmail) : ''}
</section>`;
      break;
    }
    case 'refused':
      guarantee = `<section class="card warn" aria-labelledby="g">
  <h2 id="g">Shipping protection was not added</h2>
  <ul>${outcome.userErrors
    .map((e) => `<li><code>${escapeHtml(e.code)}</code> ${escapeHtml(e.message)}</li>`)
    .join('')}</ul>
</section>`;
      break;
    case 'failed':
      guarantee = `<section class="card warn" aria-labelledby="g">
  <h2 id="g">Shipping protection could not be added</h2>
  <p>${escapeHtml(outcome.message)}</p>
</section>`;
      break;
    default:
      guarantee = `<section class="card" aria-labelledby="g">
  <h2 id="g">No shipping protection</h2>
  <p class="muted">The shopper did not add the Logistics Guarantee to this order.</p>
</section>`;
  }
  const content = `<h1>Order ${escapeHtml(form.get('orderNumber') ?? '')} confirmed</h1>
<div class="layout">
  <section class="card" aria-label="Order">
    <p class="muted">Member ${escapeHtml(form.get('memberId') ?? '')} · ${escapeHtml(form.get('memberEmail') ?? '')}</p>
    <table>
      <thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Amount</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="3" class="muted">No items</td></tr>'}</tbody>
    </table>
    <dl class="sum" style="margin-top:12px">
      <dt>Subtotal</dt><dd>${usd(subtotal)}</dd>
      <dt>Shipping protection</dt><dd>${fee ? escapeHtml(moneyText(fee)) : '—'}</dd>
      <dt class="total">Total</dt><dd class="total">${usd(subtotal + (fee ? cents(fee.amount) : 0))}</dd>
    </dl>
  </section>
  ${guarantee}
</div>
<p><a href="/account">My account</a>: ship the order with the demo carrier and file a claim. · <a href="/">Back to the cart</a></p>`;
  return page('Order confirmed', content);
}

/** How to claim by email, as the terms tell members: the address and the subject to use. */
function claimByEmailNote(memberId: string, orderNumber: string, mailbox: ClaimsByEmail): string {
  const subject = `${memberId}+${orderNumber}+Claim`;
  return `<p class="claim-by-email">To claim, email your documents to
  <strong>${escapeHtml(mailbox.address)}</strong> with the subject
  <code>${escapeHtml(subject)}</code>. In this demo the mail is received by the API's SMTP
  listener on port ${mailbox.smtpPort} of this host (e.g. <code>swaks --server 127.0.0.1:${mailbox.smtpPort}</code>),
  and the replies are written under <code>.data/mail</code>.</p>`;
}
