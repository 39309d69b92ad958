import { text } from '$lib/server/forms';
import { failure, orError, success } from '$lib/server/pages';
import { liftLoginBlock, listLoginBlocks } from '$lib/server/services/login-blocks';
import type { Actions, PageServerLoad } from './$types';

/** Blocks per page: an attack from many addresses can leave many at once. */
const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const cursor = url.searchParams.get('blocks');
  const blocks = await orError(
    listLoginBlocks(locals.api, params.tenantId, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  return { blocks: blocks.items, nextCursor: blocks.nextCursor };
};

export const actions: Actions = {
  lift: async ({ locals, params, request }) => {
    const blockId = text(await request.formData(), 'blockId');
    try {
      await liftLoginBlock(locals.api, params.tenantId, blockId);
    } catch (cause) {
      return failure(cause, 'lift');
    }
    return success('lift', 'Block lifted: logins from there are checked again at once.');
  },
};
