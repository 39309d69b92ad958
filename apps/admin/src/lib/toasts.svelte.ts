/** Short-lived confirmations ("User created") shown in the corner; errors stay beside their form. */
export interface Toast {
  id: number;
  message: string;
  kind: 'success' | 'info' | 'danger';
}

const DISMISS_AFTER_MS = 5_000;

let nextId = 1;
export const toasts: Toast[] = $state([]);

export function dismissToast(id: number): void {
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export function showToast(message: string, kind: Toast['kind'] = 'success'): void {
  const id = nextId++;
  toasts.push({ id, message, kind });
  setTimeout(() => dismissToast(id), DISMISS_AFTER_MS);
}
