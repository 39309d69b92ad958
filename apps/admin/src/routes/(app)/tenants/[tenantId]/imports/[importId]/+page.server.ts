import { error } from '@sveltejs/kit';
import { capabilitiesOf } from '$lib/capabilities';
import { IMPORT_ERRORS_SHOWN, IMPORTERS_ONLY } from '$lib/imports';
import { orError, perform } from '$lib/server/pages';
import { applyImport, cancelImport, getImport } from '$lib/server/services/imports';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ depends, locals, params }) => {
  // Polled while an import runs (the page invalidates 'roster:import'): this load alone reruns. Awaiting parent() here
  // would run every layout's API calls again on each poll, so the role is read from the session itself.
  depends('roster:import');
  if (!capabilitiesOf(locals.operator?.role ?? '').manageUsers) error(403, IMPORTERS_ONLY);
  const { errors, ...userImport } = await orError(getImport(locals.api, params.tenantId, params.importId));
  // The API sends up to 1000 errors; the page lists the first few and offers the report for all of them.
  return {
    userImport,
    errors: errors.slice(0, IMPORT_ERRORS_SHOWN),
    moreErrors: errors.length > IMPORT_ERRORS_SHOWN || userImport.errorsTruncated,
    errorCount: errors.length,
  };
};

export const actions: Actions = {
  apply: ({ locals, params }) =>
    perform('apply', 'Applying the import: this page follows it until it ends.', () =>
      applyImport(locals.api, params.tenantId, params.importId),
    ),

  cancel: ({ locals, params }) =>
    perform('cancel', 'Import cancelled.', () => cancelImport(locals.api, params.tenantId, params.importId)),
};
