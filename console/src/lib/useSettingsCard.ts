import { computed, ref } from 'vue';
import { ElMessage } from 'element-plus';
import { errorText } from '../api/client';
import type { AdminSettings } from '../../../typings/contracts/admin/settings';
import type { Async } from './useAsync';

/**
 * One card of 设置: `ready` once the settings have loaded (a save replaces its
 * whole section, so nothing is saved over values never shown), and `save(write)`
 * which runs the write with `saving` on and says 已保存, or the server's reason.
 */
export function useSettingsCard(settings: Async<AdminSettings | null>) {
  const saving = ref(false);
  const ready = computed(() => !!settings.data.value && !settings.loading.value && !settings.error.value);
  async function save(write: () => Promise<unknown>): Promise<void> {
    saving.value = true;
    try {
      await write();
      ElMessage.success('已保存');
    } catch (err) {
      ElMessage.error(errorText(err));
    } finally {
      saving.value = false;
    }
  }
  return { saving, ready, save };
}
