import { onMounted, onUnmounted, watch } from 'vue';
import { useRoute } from 'vue-router';

/** A header hint that stays fresh: run now, every `ms`, and on every page change (the console's alerts). */
export function usePolling(refresh: () => unknown, ms = 60_000): void {
  const route = useRoute();
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    void refresh();
    timer = setInterval(refresh, ms);
  });
  onUnmounted(() => clearInterval(timer));
  watch(
    () => route.fullPath,
    () => void refresh(),
  );
}
