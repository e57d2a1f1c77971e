import { AppError } from '../domain/errors';

/**
 * Settings a function takes from its environment variables (cloudbaserc.json
 * envVariables in the cloud; the local cloud passes development values). There
 * are no fallbacks: an action that needs a missing setting refuses with
 * MISCONFIGURED and says which one, rather than running on a development key or
 * WeChat Pay's example merchant number in a real environment.
 */
export type SettingName =
  'PICKUP_CODE_KEY' | 'WXPAY_SUB_MCH_ID' | 'PICKUP_TEMPLATE_ID' | 'REMINDER_TEMPLATE_ID' | 'REFUND_TEMPLATE_ID';

const WHAT: Record<SettingName, string> = {
  PICKUP_CODE_KEY: '提货码加密密钥 (64 位十六进制, openssl rand -hex 32)',
  WXPAY_SUB_MCH_ID: '微信支付子商户号',
  PICKUP_TEMPLATE_ID: '到货取货通知的订阅消息模板 ID（也可在管理后台「设置」填写）',
  REMINDER_TEMPLATE_ID: '取货提醒的订阅消息模板 ID（也可在管理后台「设置」填写）',
  REFUND_TEMPLATE_ID: '退款通知的订阅消息模板 ID（也可在管理后台「设置」填写；不填则退款不通知居民）',
};

/** The setting's value, or '' when it is not set. */
export const settingOrEmpty = (name: SettingName): string => process.env[name]?.trim() ?? '';

export function requiredSetting(name: SettingName): string {
  const value = settingOrEmpty(name);
  if (!value) {
    throw new AppError(
      'MISCONFIGURED',
      `云函数环境变量 ${name} 未设置：${WHAT[name]}。请在部署配置 (.env / cloudbaserc.json) 中填写`,
    );
  }
  return value;
}
