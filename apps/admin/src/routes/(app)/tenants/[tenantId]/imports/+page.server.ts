import { error, redirect } from '@sveltejs/kit';
import { capabilitiesOf } from '$lib/capabilities';
import { IMPORT_PAGE_SIZE, IMPORTERS_ONLY } from '$lib/imports';
import { hrefWith } from '$lib/lists';
import { orError } from '$lib/server/pages';
import { ServiceError } from '$lib/server/services/errors';
import { listImports } from '$lib/server/services/imports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ depends, locals, params, url }) => {
  // Polled while an import runs (the page invalidates 'roster:imports'): this load alone reruns. Awaiting parent() here
  // would run every layout's API calls again on each poll, so the role is read from the session itself.
  depends('roster:imports');
  if (!capabilitiesOf(locals.operator?.role ?? '').manageUsers) error(403, IMPORTERS_ONLY);
  const cursor = url.searchParams.get('cursor');
  const imports = await orError(
    listImports(locals.api, params.tenantId, {
      limit: IMPORT_PAGE_SIZE,
      // Counting costs a query: only the first page shows the total.
      ...(cursor ? { cursor } : { includeTotal: 'true' }),
    }).catch((cause: unknown) => {
      // A cursor outlives its data (imports are purged after 7 days): start the list over instead.
      if (cause instanceof ServiceError && cursor && cause.fieldErrors.cursor)
        redirect(303, hrefWith(url, { cursor: null }));
      throw cause;
    }),
  );
  return { imports, pageSize: IMPORT_PAGE_SIZE };
};
