// The demo shop's member center: /account embeds <logistics-guarantee-claims> with a member
// session the shop's server makes (createMemberSession, secret key), and a demo-only carrier
// control that ships and delivers the demo member's packages, so a newcomer can buy, ship and
// file a claim in the browser.
import { randomInt } from 'node:crypto';
import {
  type Client,
  CreateMemberSessionDocument,
  type CurrencyCode,
  GuaranteesDocument,
  RecordPackageEventDocument,
  RegisterPackageDocument,
} from '@lg/client';
import { escapeHtml } from './catalogue.js';
import { page } from './pages.js';

/** The member the demo cart buys for (its form's defaults). */
const DEMO_MEMBER = { memberId: 'M1042', email: 'member@example.com' };

export interface DemoOrder {
  orderNumber: string;
  status: string;
  productValue: { amount: string; currencyCode: CurrencyCode };
  packages: { trackingNumber: string; status: string }[];
}

/** A member session for the demo member, as a storefront's server makes one for its page. */
export async function demoSession(shop: Client): Promise<string> {
  const { createMemberSession } = await shop.request(CreateMemberSessionDocument, {
    input: DEMO_MEMBER,
  });
  if (!createMemberSession.token)
    throw new Error(`createMemberSession: ${createMemberSession.userErrors[0]?.message}`);
  return createMemberSession.token;
}

/** The demo member's orders, read with the member's own session. */
export async function demoOrders(member: Client): Promise<DemoOrder[]> {
  const { guarantees } = await member.request(GuaranteesDocument, { first: 20 });
  return guarantees.edges.map(({ node }) => ({
    orderNumber: node.orderNumber,
    status: node.status,
    productValue: node.productValue,
    packages: node.packages.map((p) => ({ trackingNumber: p.trackingNumber, status: p.status })),
  }));
}

/**
 * What the carrier control does: `ship` registers the order's package (one per order in the
 * demo) and records SHIPPED; `deliver` records DELIVERED with a signature. Returns a refusal
 * message, or null when done.
 */
export async function carrierEvent(
  shop: Client,
  order: DemoOrder,
  action: string,
): Promise<string | null> {
  const now = new Date().toISOString();
  if (action === 'ship') {
    let trackingNumber = order.packages[0]?.trackingNumber;
    if (!trackingNumber) {
      trackingNumber = `DEMO${randomInt(10_000_000, 100_000_000)}`;
      const { registerPackage } = await shop.request(RegisterPackageDocument, {
        input: {
          orderNumber: order.orderNumber,
          trackingNumber,
          declaredValue: order.productValue,
          salePrice: order.productValue,
          shippingFee: { amount: '12.00', currencyCode: order.productValue.currencyCode },
        },
      });
      if (!registerPackage.package) return registerPackage.userErrors[0]?.message ?? 'refused';
    }
    const { recordPackageEvent } = await shop.request(RecordPackageEventDocument, {
      input: { trackingNumber, type: 'SHIPPED', occurredAt: now },
    });
    return recordPackageEvent.package
      ? null
      : (recordPackageEvent.userErrors[0]?.message ?? 'refused');
  }
  const trackingNumber = order.packages[0]?.trackingNumber;
  if (action !== 'deliver' || !trackingNumber) return 'ship the order first';
  const { recordPackageEvent } = await shop.request(RecordPackageEventDocument, {
    input: { trackingNumber, type: 'DELIVERED', occurredAt: now, signedBy: 'Demo Member' },
  });
  return recordPackageEvent.package
    ? null
    : (recordPackageEvent.userErrors[0]?.message ?? 'refused');
}

function control(order: DemoOrder): string {
  const pkg = order.packages[0];
  const button = (action: string, label: string) =>
    `<form method="post" action="/demo/carrier" class="inline"><input type="hidden" name="orderNumber" value="${escapeHtml(order.orderNumber)}"><input type="hidden" name="action" value="${action}"><button type="submit" class="small">${label}</button></form>`;
  const next =
    order.status !== 'ACTIVE'
      ? '<span class="muted">cancelled</span>'
      : !pkg || pkg.status === 'REGISTERED'
        ? button('ship', 'Ship')
        : pkg.status === 'SHIPPED' || pkg.status === 'ARRIVED_AT_DESTINATION'
          ? button('deliver', 'Deliver')
          : '<span class="muted">done</span>';
  return `<tr><td>${escapeHtml(order.orderNumber)}</td><td>${pkg ? `<code>${escapeHtml(pkg.trackingNumber)}</code>` : '<span class="muted">no package yet</span>'}</td><td>${escapeHtml(pkg?.status ?? '—')}</td><td class="num">${next}</td></tr>`;
}

export function accountPage(token: string, orders: DemoOrder[], notice = ''): string {
  const rows = orders.map(control).join('');
  const content = `<h1>My account</h1>
<p class="muted">Member ${escapeHtml(DEMO_MEMBER.memberId)} · ${escapeHtml(DEMO_MEMBER.email)} · <a href="/">Back to the cart</a></p>
${notice ? `<p class="card warn" role="alert">${escapeHtml(notice)}</p>` : ''}
<div class="layout">
  <logistics-guarantee-claims session-token="${escapeHtml(token)}"></logistics-guarantee-claims>
  <aside class="card" aria-labelledby="carrier">
    <h2 id="carrier">Carrier (demo control)</h2>
    <p class="note">Records what a carrier would report for your orders: ship, then deliver. A damage claim can be filed within 24 hours of delivery.</p>
    <table>
      <thead><tr><th>Order</th><th>Package</th><th>Status</th><th class="num"><span class="sr-only">Action</span></th></tr></thead>
      <tbody>${rows || '<tr><td colspan="4" class="muted">No protected orders yet: buy one from the cart with shipping protection ticked.</td></tr>'}</tbody>
    </table>
  </aside>
</div>`;
  // A session ends (it expires, or is revoked): the element asks; the shop makes a new one.
  const script = `<script type="module">
  const element = document.querySelector('logistics-guarantee-claims');
  element.addEventListener('logistics-guarantee-session-expired', async () => {
    const response = await fetch('/demo/session', { method: 'POST' });
    if (response.ok) element.setAttribute('session-token', (await response.json()).token);
  });
</script>
<script type="module" src="/widget/logistics-guarantee-claims.js"></script>`;
  return page('My account', content, script);
}
