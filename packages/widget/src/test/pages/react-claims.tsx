// A React 19 member center embedding <logistics-guarantee-claims> the way the README shows,
// for the Chromium tests (claims/frameworks.test.ts). The test loads the element's script
// only after this app has rendered. Its session-expired handler, attached by React, shows
// the code and renders a new session token, as an app fetching a fresh session would.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type {} from '../../frameworks/react.js';
import { claimsPageConfig } from './config.js';

function MemberCenter() {
  const { token: first, renewTo, apiUrl, binding } = claimsPageConfig();
  const [token, setToken] = useState(first);
  const [expired, setExpired] = useState<string[]>([]);
  const session =
    binding === 'props'
      ? { sessionToken: token, apiUrl }
      : { 'session-token': token, 'api-url': apiUrl };
  return (
    <section>
      <logistics-guarantee-claims
        {...session}
        onlogistics-guarantee-session-expired={(event) => {
          setExpired((codes) => [...codes, event.detail.code]);
          setToken(renewTo);
        }}
      />
      <output id="expired">{expired.join(' ')}</output>
    </section>
  );
}

createRoot(document.getElementById('app')!).render(<MemberCenter />);
