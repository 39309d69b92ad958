/**
 * The console's own checks of a form before it is sent, in place of the browser's bubbles: every
 * {@link Field} registers a check with its form; on submit they all run, each field shows its own
 * message, and the form goes nowhere until they pass. Safe to import in the browser.
 */
import { CONTROL_CHARACTERS, EMAIL_PATTERN } from '@roster/domain';

/** Checks one field, showing or clearing its message; answers the control to focus when it failed. */
export type FieldCheck = () => HTMLElement | null;

const checksOf = new WeakMap<HTMLFormElement, Set<FieldCheck>>();

/**
 * Adds `check` to the checks `form` runs on submit; returns the function that removes it. The form's
 * listener runs in the capture phase, so a failed check stops the submit before `use:enhance` sends it.
 */
export function registerCheck(form: HTMLFormElement, check: FieldCheck): () => void {
  let checks = checksOf.get(form);
  if (!checks) {
    const registered = new Set<FieldCheck>();
    checks = registered;
    checksOf.set(form, registered);
    form.noValidate = true;
    form.addEventListener(
      'submit',
      (event) => {
        const failed = [...registered].map((run) => run()).filter((control) => control !== null);
        if (failed.length === 0) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        failed.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0]?.focus();
      },
      { capture: true },
    );
  }
  checks.add(check);
  return () => checks.delete(check);
}

const LINE_BREAKS_OR_TABS = /[\t\n\r]/;

/** What to say about control characters in a value, telling tabs and line breaks from the invisible rest. */
export function controlCharacterProblem(value: string, allowLineBreaks = false): string | null {
  const rest = allowLineBreaks ? value.replace(/[\t\n\r]/g, '') : value;
  if (!CONTROL_CHARACTERS.test(rest)) return null;
  const invisible = [...rest].some(
    (character) => CONTROL_CHARACTERS.test(character) && !LINE_BREAKS_OR_TABS.test(character),
  );
  return invisible
    ? 'Remove the invisible control characters (such as NUL); they may have come with pasted text.'
    : 'Remove the tabs or line breaks.';
}

/** "Name" → "Enter a name.", "Role" on a select → "Choose a role." */
export function missingValueMessage(label: string, choose: boolean): string {
  const noun = /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  return `${choose ? 'Choose' : 'Enter'} ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}.`;
}

/** The console's message for a control's value, or null when it is fine. */
export function controlProblem(
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  label: string,
  requiredMessage?: string,
): string | null {
  const value = control.value;
  if (control.required && value.trim() === '') {
    return requiredMessage ?? missingValueMessage(label, control instanceof HTMLSelectElement);
  }
  if (control instanceof HTMLSelectElement || (control instanceof HTMLInputElement && control.type === 'password')) {
    return null;
  }
  const characters = controlCharacterProblem(value, control instanceof HTMLTextAreaElement);
  if (characters) return characters;
  if (control instanceof HTMLInputElement && control.type === 'email' && value.trim() !== '') {
    return EMAIL_PATTERN.test(value.trim()) ? null : 'Enter an email address such as ada@example.com.';
  }
  return null;
}
