// An integrator's React 19 cart, type-checked against the packed package (typings.test.ts).
import type { CartLine, LogisticsGuarantee } from '@lg/widget';
import type {} from '@lg/widget/react';
import { useEffect, useRef, useState } from 'react';

const lines: CartLine[] = [{ sku: 'TEE-1', title: 'T-shirt', unitPrice: '20.00', quantity: 2 }];

export function Cart() {
  const widget = useRef<LogisticsGuarantee>(null);
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // The read-only state, for what happened before this effect ran.
    const status: 'idle' | 'loading' | 'ready' | 'error' | undefined = widget.current?.status;
    setError(status === 'error' ? (widget.current?.lastError?.code ?? null) : null);
  }, []);
  return (
    <form method="post" action="/checkout">
      <logistics-guarantee
        ref={widget}
        publishable-key="pk_test_1"
        currency-code="USD"
        lines={lines}
        name="logistics_guarantee"
        checked
        className="protection"
        onlogistics-guarantee-change={(event) => setToken(event.detail.quoteToken)}
        onlogistics-guarantee-error={(event) => setError(event.detail.code)}
      />
      <logistics-guarantee publishable-key="pk_test_1" lines={JSON.stringify(lines)} />
      <output>{token ?? error}</output>
    </form>
  );
}

// @ts-expect-error lines are cart lines (or their JSON), not a number
export const wrongLines = <logistics-guarantee lines={42} />;

export const wrongDetail = (
  // @ts-expect-error the change event's detail is typed: it has no `token`
  <logistics-guarantee onlogistics-guarantee-change={(event) => event.detail.token} />
);

// @ts-expect-error the element's own state is read-only
export const readOnly = (el: LogisticsGuarantee) => (el.status = 'ready');

export const memberCenter = (
  <logistics-guarantee-claims
    session-token="ms_1"
    locale="zh-CN"
    onlogistics-guarantee-claim-filed={(event) => event.detail.reference}
    onlogistics-guarantee-session-expired={(event) => event.detail.code}
  />
);

// @ts-expect-error the session token is a string
export const wrongToken = <logistics-guarantee-claims session-token={42} />;

// The properties, as React 19 sets them once the element is defined (read before, too).
export const memberCenterProps = (
  <logistics-guarantee-claims
    sessionToken="ms_1"
    apiUrl="https://api.example.com/graphql"
    onlogistics-guarantee-session-expired={(event) => event.detail.code}
  />
);

// @ts-expect-error the session token property is a string too
export const wrongTokenProp = <logistics-guarantee-claims sessionToken={42} />;

export const wrongExpired = (
  <logistics-guarantee-claims
    // @ts-expect-error session-expired carries a code, not a claim reference
    onlogistics-guarantee-session-expired={(event) => event.detail.reference}
  />
);
