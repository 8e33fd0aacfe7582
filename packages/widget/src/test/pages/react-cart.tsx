// A React 19 cart embedding the widget the way the README shows, for the Chromium tests
// (frameworks.test.ts). The test loads the widget script only after this app has rendered.
import { type RefObject, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type {} from '../../frameworks/react.js';
import type { LogisticsGuarantee } from '../../index.js';
import { CAP, CART, PRODUCT_VALUE } from '../cart.js';
import { describeState } from './config.js';

/** Mounted on demand, after the widget's first events fired: it catches up from the state. */
function Status({ widget }: { widget: RefObject<LogisticsGuarantee | null> }) {
  const [text, setText] = useState('');
  useEffect(() => {
    const el = widget.current;
    if (!el) return;
    const sync = () => setText(describeState(el));
    sync();
    el.addEventListener('logistics-guarantee-change', sync);
    el.addEventListener('logistics-guarantee-error', sync);
    return () => {
      el.removeEventListener('logistics-guarantee-change', sync);
      el.removeEventListener('logistics-guarantee-error', sync);
    };
  }, [widget]);
  return <output id="status">{text}</output>;
}

function Cart() {
  const { key, lines: mode } = window.lgTest;
  const [lines, setLines] = useState(CART);
  const [token, setToken] = useState<string | null>(null);
  const [showStatus, setShowStatus] = useState(false);
  const widget = useRef<LogisticsGuarantee>(null);
  return (
    <form method="post" action="/submit">
      <logistics-guarantee
        ref={widget}
        publishable-key={key}
        product-value={PRODUCT_VALUE}
        name="logistics_guarantee"
        checked
        lines={mode === 'json' ? JSON.stringify(lines) : lines}
        onlogistics-guarantee-change={(event) => setToken(event.detail.quoteToken)}
      />
      <output id="token">{token}</output>
      <button type="button" id="add-cap" onClick={() => setLines([...lines, CAP])}>
        Add a cap
      </button>
      <button type="button" id="show-status" onClick={() => setShowStatus(true)}>
        Show status
      </button>
      {showStatus && <Status widget={widget} />}
      <button type="submit">Check out</button>
    </form>
  );
}

createRoot(document.getElementById('app')!).render(<Cart />);
