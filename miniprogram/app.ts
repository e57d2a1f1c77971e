import { config } from './config';
import { flush, track } from './lib/track';
import { noticeStore } from './stores/notices';

App({
  onLaunch() {
    if (config.mode === 'cloud') {
      // wx.cloud is missing on base libraries older than 2.2.3 and in plain test runs.
      if (!wx.cloud) console.error('请使用 2.2.3 或以上的基础库以使用云能力');
      else wx.cloud.init({ ...(config.env ? { env: config.env } : {}), traceUser: true });
    }
    // The subscribe-message ids, ready before the first tap that asks for consent.
    void noticeStore.load();
    // The cart badge lives in custom-tab-bar/ (bound to the cart store): with a custom
    // tab bar, wx.setTabBarBadge has nothing to draw on.
  },
  onShow(options: WechatMiniprogram.App.LaunchShowOption) {
    // Opened from a leader's share (path …?leaderId=…): counted for that leader's community.
    const leaderId = options?.query?.leaderId;
    if (leaderId) track('share_open', { leaderId: String(leaderId) });
  },
  onHide() {
    void flush();
  },
});
