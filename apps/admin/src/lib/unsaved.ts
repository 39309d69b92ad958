/**
 * Leaving a page with unsaved edits asks first. A form opts in with `use:unsaved`; it counts as unsaved
 * from the operator's first change until it is submitted (see {@link markUnsaved} for a submit that did not save). The (app) layout calls
 * {@link askBeforeLosingEdits} once, which covers links, back/forward, reloads and closing the tab.
 */
import { beforeNavigate } from '$app/navigation';

const changed = new Set<HTMLFormElement>();

/** Svelte action for a form whose edits should not be lost by leaving the page. */
export function unsaved(form: HTMLFormElement) {
  // `input` and `change` fire for what a person does, not for values the page sets after a save.
  const edit = () => changed.add(form);
  const sent = () => changed.delete(form);
  form.addEventListener('input', edit);
  form.addEventListener('change', edit);
  form.addEventListener('submit', sent);
  form.addEventListener('reset', sent);
  return {
    destroy() {
      changed.delete(form);
      form.removeEventListener('input', edit);
      form.removeEventListener('change', edit);
      form.removeEventListener('submit', sent);
      form.removeEventListener('reset', sent);
    },
  };
}

/** For a form whose submit did not save after all (its checks stopped it, the server refused it). */
export function markUnsaved(form: HTMLFormElement | undefined): void {
  if (form?.isConnected) changed.add(form);
}

export const LEAVE_MESSAGE = 'Leave this page? Your changes have not been saved.';

/** Call from a layout's script: asks before any navigation that would drop unsaved edits. */
export function askBeforeLosingEdits(): void {
  beforeNavigate((navigation) => {
    if (changed.size === 0) return;
    // Closing the tab, reloading or leaving the site: cancelling makes the browser ask itself.
    if (navigation.type === 'leave') navigation.cancel();
    else if (!confirm(LEAVE_MESSAGE)) navigation.cancel();
  });
}
