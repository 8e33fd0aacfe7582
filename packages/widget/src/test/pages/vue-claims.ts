// A Vue 3 member center embedding <logistics-guarantee-claims> the way the README shows (a
// runtime-compiled template, `compilerOptions.isCustomElement`), for the Chromium tests
// (claims/frameworks.test.ts). The test loads the element's script only after this app has
// mounted. Its session-expired handler, attached by Vue, shows the code and binds a new token.
import { createApp, ref } from 'vue';
import type { LogisticsGuaranteeSessionExpiredEvent } from '../../claims.js';
import { claimsPageConfig } from './config.js';

const { token: first, renewTo, apiUrl, binding } = claimsPageConfig();

const bindSession = {
  prop: ':sessionToken.prop="token" :apiUrl.prop="apiUrl"',
  camel: ':sessionToken="token" :apiUrl="apiUrl"',
  attrs: ':session-token="token" :api-url="apiUrl"',
  props: '',
}[binding];

const app = createApp({
  setup() {
    const token = ref(first);
    const expired = ref<string[]>([]);
    return {
      token,
      apiUrl,
      expired,
      onExpired: (event: LogisticsGuaranteeSessionExpiredEvent) => {
        expired.value = [...expired.value, event.detail.code];
        token.value = renewTo;
      },
    };
  },
  template: `<section>
    <logistics-guarantee-claims ${bindSession}
      @logistics-guarantee-session-expired="onExpired"></logistics-guarantee-claims>
    <output id="expired">{{ expired.join(' ') }}</output>
  </section>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('logistics-guarantee');
app.mount('#app');
