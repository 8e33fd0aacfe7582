// A Vue 3 cart embedding the widget the way the README shows (a runtime-compiled template,
// `compilerOptions.isCustomElement`), for the Chromium tests (frameworks.test.ts). The test
// loads the widget script only after this app has mounted.
import {
  createApp,
  defineComponent,
  onBeforeUnmount,
  onMounted,
  type PropType,
  ref,
  shallowRef,
} from 'vue';
import type { LogisticsGuarantee, LogisticsGuaranteeChangeEvent } from '../../index.js';
import { CAP, CART, PRODUCT_VALUE } from '../cart.js';
import { describeState } from './config.js';

/** Mounted on demand, after the widget's first events fired: it catches up from the state. */
const CartStatus = defineComponent({
  props: { widget: { type: Object as PropType<LogisticsGuarantee>, required: true } },
  setup(props) {
    const text = ref('');
    const sync = () => {
      text.value = describeState(props.widget);
    };
    onMounted(() => {
      sync();
      props.widget.addEventListener('logistics-guarantee-change', sync);
      props.widget.addEventListener('logistics-guarantee-error', sync);
    });
    onBeforeUnmount(() => {
      props.widget.removeEventListener('logistics-guarantee-change', sync);
      props.widget.removeEventListener('logistics-guarantee-error', sync);
    });
    return { text };
  },
  template: '<output id="status">{{ text }}</output>',
});

const bindLines = window.lgTest.lines === 'prop' ? ':lines.prop="lines"' : ':lines="lines"';

const app = createApp({
  components: { CartStatus },
  setup() {
    const lines = shallowRef(CART);
    const token = ref<string | null>(null);
    return {
      key: window.lgTest.key,
      productValue: PRODUCT_VALUE,
      lines,
      token,
      showStatus: ref(false),
      widget: shallowRef<LogisticsGuarantee | null>(null),
      onChange: (event: LogisticsGuaranteeChangeEvent) => {
        token.value = event.detail.quoteToken;
      },
      addCap: () => {
        lines.value = [...lines.value, CAP];
      },
    };
  },
  template: `<form method="post" action="/submit">
    <logistics-guarantee ref="widget" :publishable-key="key" :product-value="productValue"
      name="logistics_guarantee" checked ${bindLines}
      @logistics-guarantee-change="onChange"></logistics-guarantee>
    <output id="token">{{ token }}</output>
    <button type="button" id="add-cap" @click="addCap">Add a cap</button>
    <button type="button" id="show-status" @click="showStatus = true">Show status</button>
    <cart-status v-if="showStatus" :widget="widget"></cart-status>
    <button type="submit">Check out</button>
  </form>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag === 'logistics-guarantee';
app.mount('#app');
