import { reaction } from 'mobx-miniprogram';
import { config } from './config';
import { cartStore } from './stores/cart';

const CART_TAB_INDEX = 1;

App({
  onLaunch() {
    if (config.mode === 'cloud') {
      // wx.cloud is missing on base libraries older than 2.2.3 and in plain test runs.
      if (!wx.cloud) console.error('请使用 2.2.3 或以上的基础库以使用云能力');
      else wx.cloud.init({ ...(config.env ? { env: config.env } : {}), traceUser: true });
    }
    // The cart tab's badge follows the cart wherever it changes.
    reaction(
      () => cartStore.count,
      (count) => {
        // Fails harmlessly while a non-tab page is on top; the next change sets it again.
        if (count > 0) wx.setTabBarBadge({ index: CART_TAB_INDEX, text: String(count), fail: () => undefined });
        else wx.removeTabBarBadge({ index: CART_TAB_INDEX, fail: () => undefined });
      },
      { fireImmediately: true },
    );
  },
});
