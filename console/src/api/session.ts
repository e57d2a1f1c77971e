import { ref } from 'vue';
import type { Role } from '../../../typings/models';

/** Who is logged in. Locally: a demo openid claimed at the gateway; in production: the CloudBase login. */
export interface ConsoleSession {
  openid: string;
  name: string;
  roles: Role[];
  /** Set for a supplier account: the supplier whose data the console shows. */
  supplierId?: string;
}

const KEY = 'tuangou.console.session';

function load(): ConsoleSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as ConsoleSession) : null;
  } catch {
    return null;
  }
}

export const session = ref<ConsoleSession | null>(load());

export function signIn(s: ConsoleSession): void {
  session.value = s;
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function signOut(): void {
  session.value = null;
  localStorage.removeItem(KEY);
}

export const isAdmin = (): boolean => !!session.value?.roles.includes('admin');
export const isSupplier = (): boolean => !isAdmin() && !!session.value?.roles.includes('supplier');
