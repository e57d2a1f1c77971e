import { reactive, shallowReactive } from 'vue';
import { ElMessage } from 'element-plus';
import { errorText } from '../api/client';

/**
 * A create/edit dialog's life: open with a fresh form (or a row's values), check it (a warning, nothing
 * sent), submit (busy meanwhile), then close and say so, or stay open and show the server's message.
 */
export function useFormDialog<F extends object, R = unknown>(options: {
  /** The form of a new one; show(values) starts from it. */
  blank: () => F;
  /** A sentence for what is missing, or nothing when the form can go. */
  check?: (form: F) => string | undefined;
  submit: (form: F) => Promise<R>;
  /** What the success message says (default 已保存), maybe from the server's answer. */
  done?: string | ((form: F, answer: R) => string);
  /** After a success (a reload). */
  after?: () => unknown;
}) {
  const dialog = shallowReactive({
    open: false,
    busy: false,
    form: reactive(options.blank()) as F,
    show(values: Partial<F> = {}) {
      Object.assign(dialog.form, options.blank(), values);
      dialog.open = true;
    },
    close() {
      dialog.open = false;
    },
    async save() {
      const form = dialog.form;
      const problem = options.check?.(form);
      if (problem) return void ElMessage.warning(problem);
      dialog.busy = true;
      try {
        const answer = await options.submit(form);
        const done = options.done ?? '已保存';
        ElMessage.success(typeof done === 'string' ? done : done(form, answer));
        dialog.open = false;
        await options.after?.();
      } catch (err) {
        ElMessage.error(errorText(err));
      } finally {
        dialog.busy = false;
      }
    },
  });
  return dialog;
}

export type FormDialogState = Pick<ReturnType<typeof useFormDialog>, 'open' | 'busy' | 'close' | 'save'>;
