import { valuesOf } from '$lib/server/forms';
import { failure, invalid, orError, redirectWithNotice } from '$lib/server/pages';
import { createGroup, listGroups, readGroup } from '$lib/server/services/groups';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const search = url.searchParams.get('search')?.trim().slice(0, 200) ?? '';
  const cursor = url.searchParams.get('cursor');
  const groups = await orError(
    listGroups(locals.api, params.tenantId, {
      limit: PAGE_SIZE,
      ...(search ? { search } : {}),
      // Counting costs a query: only the first page shows the total.
      ...(cursor ? { cursor } : { includeTotal: 'true' }),
    }),
  );
  return {
    groups,
    search,
    pageSize: PAGE_SIZE,
  };
};

export const actions: Actions = {
  create: async ({ locals, params, request }) => {
    const form = await request.formData();
    const read = readGroup(form);
    if (!read.ok) return invalid('create-group', read.fieldErrors, valuesOf(form));
    let groupId: string;
    try {
      groupId = (await createGroup(locals.api, params.tenantId, read.value)).id;
    } catch (cause) {
      return failure(cause, 'create-group', valuesOf(form));
    }
    // A new group is empty: its page is where members and roles are added.
    redirectWithNotice(
      `/tenants/${params.tenantId}/groups/${groupId}`,
      'Group created. Add its members and grant its roles here.',
    );
  },
};
