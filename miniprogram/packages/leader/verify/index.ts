import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { verifyStore, type VerifyStore } from '../../../stores/leader/verify';

/** 核销取货 (see stores/leader/verify): code → the order's lines → confirm. */
ComponentWithStore({
  storeBindings: {
    store: verifyStore,
    fields: {
      hintName: (s: VerifyStore) => s.hintName,
      code: (s: VerifyStore) => s.code,
      phase: (s: VerifyStore) => s.phase,
      state: (s: VerifyStore) => s.lookupLoad.state,
      error: (s: VerifyStore) => s.lookupLoad.error,
      notFound: (s: VerifyStore) => s.notFound,
      order: (s: VerifyStore) => (s.order ? { ...s.order } : null),
      lines: (s: VerifyStore) => s.lines.map((l) => ({ ...l })),
      submitting: (s: VerifyStore) => s.verifyLoad.busy,
      submitError: (s: VerifyStore) => s.verifyLoad.error,
      result: (s: VerifyStore) => (s.result ? { ...s.result, lines: s.result.lines.map((l) => ({ ...l })) } : null),
    },
    actions: [],
  },
  methods: {
    onLoad(query: { batchId?: string; code?: string; name?: string }) {
      verifyStore.open(query);
    },
    onCode(event: WechatMiniprogram.CustomEvent) {
      verifyStore.typeCode(String(event.detail ?? ''));
    },
    onScan() {
      verifyStore.scan();
    },
    onLookup() {
      verifyStore.lookupTyped();
    },
    onRetry() {
      void verifyStore.lookup();
    },
    onPick(event: WechatMiniprogram.CustomEvent) {
      verifyStore.setPick(Number(event.currentTarget.dataset.index), Number(event.detail));
    },
    onConfirm() {
      void verifyStore.confirm();
    },
    onNext() {
      verifyStore.next();
    },
  },
});
