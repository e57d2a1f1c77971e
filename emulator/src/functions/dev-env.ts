import { createHash } from 'node:crypto';

/**
 * The environment variables every function gets in the local cloud, as a
 * developer would set them for a cloud environment (cloudbaserc.json
 * envVariables). Development values only: the key is derived from a public
 * phrase (pickup codes of data kept in .localcloud/ stay readable across
 * restarts), the merchant number is WeChat Pay's documented example, and the
 * template ids are the development ones (TPL_*).
 * `startLocalCloud({ functionEnv })` overrides them; an empty value unsets one,
 * which is how tests play a real environment that forgot a setting.
 */
export const DEV_FUNCTION_ENV: Record<string, string> = {
  PICKUP_CODE_KEY: createHash('sha256').update('tuangou-local-dev-pickup-code-key-not-secret').digest('hex'),
  WXPAY_SUB_MCH_ID: '1900000109',
  // The local cloud's subscribe-message templates (emulator/src/openapi/subscribe-rules.ts knows them).
  PICKUP_TEMPLATE_ID: 'TPL_PICKUP',
  REMINDER_TEMPLATE_ID: 'TPL_PICKUP_REMINDER',
  REFUND_TEMPLATE_ID: 'TPL_REFUND',
};

export function functionEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const merged = { ...DEV_FUNCTION_ENV, ...overrides };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ''));
}
