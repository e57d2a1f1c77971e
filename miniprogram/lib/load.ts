/** Every list or page backed by the server is in one of these; the page shows each one. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';
