import { ElMessageBox } from 'element-plus';

/** Asks for a rejection reason; undefined when the admin cancels. */
export async function askReason(title: string, hint = '请填写原因（对方可见）'): Promise<string | undefined> {
  try {
    const r = await ElMessageBox.prompt(hint, title, {
      inputValidator: (v) => !!v?.trim() || '请填写原因',
      confirmButtonText: '确定',
      cancelButtonText: '取消',
    });
    return r.value.trim();
  } catch {
    return undefined;
  }
}

export async function confirm(message: string, title: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: '确定', cancelButtonText: '取消' });
    return true;
  } catch {
    return false;
  }
}
