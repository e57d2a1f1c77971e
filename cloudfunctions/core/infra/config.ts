import { AppError } from '../domain/errors';

/**
 * Settings a function takes from its environment variables (cloudbaserc.json
 * envVariables in the cloud; the local cloud passes development values). There
 * are no fallbacks: an action that needs a missing setting refuses with
 * MISCONFIGURED and says which one, rather than running on a development key or
 * WeChat Pay's example merchant number in a real environment.
 */
export type SettingName = 'PICKUP_CODE_KEY' | 'WXPAY_SUB_MCH_ID';

const WHAT: Record<SettingName, string> = {
  PICKUP_CODE_KEY: '提货码加密密钥 (64 位十六进制, openssl rand -hex 32)',
  WXPAY_SUB_MCH_ID: '微信支付子商户号',
};

export function requiredSetting(name: SettingName): string {
  const value = process.env[name]?.trim();
  if (!value) {
    throw new AppError(
      'MISCONFIGURED',
      `云函数环境变量 ${name} 未设置：${WHAT[name]}。请在部署配置 (.env / cloudbaserc.json) 中填写`,
    );
  }
  return value;
}
