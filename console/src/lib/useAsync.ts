import { ref, shallowRef, type Ref } from 'vue';
import { errorText } from '../api/client';

/** A load with the three states every table shows: loading, error (with retry) and data (maybe empty). */
export function useAsync<T>(load: () => Promise<T>, initial: T) {
  const data = shallowRef(initial) as Ref<T>;
  const loading = ref(false);
  const error = ref('');
  let seq = 0;
  async function run(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = '';
    try {
      const value = await load();
      if (mine === seq) data.value = value;
    } catch (err) {
      if (mine === seq) error.value = errorText(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  return { data, loading, error, run };
}
