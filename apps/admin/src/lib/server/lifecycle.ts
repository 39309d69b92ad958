import { valuesOf } from './forms';
import { failure, invalid, success } from './pages';
import { type LifecyclePolicyInput, readLifecyclePolicyForm } from './services/lifecycle';

/**
 * The `save` action of both Lifecycle pages: reads and checks the policy form, then saves it through `put` (the
 * environment's policy or the tenant's own); a refusal keeps the values typed, beside the form.
 */
export async function savePolicy(
  request: Request,
  put: (policy: LifecyclePolicyInput) => Promise<unknown>,
  notice: string,
) {
  const form = await request.formData();
  const read = readLifecyclePolicyForm(form);
  if (!read.ok) return invalid('policy', read.fieldErrors, valuesOf(form));
  try {
    await put(read.value);
    return success('policy', notice);
  } catch (error) {
    return failure(error, 'policy', valuesOf(form));
  }
}
