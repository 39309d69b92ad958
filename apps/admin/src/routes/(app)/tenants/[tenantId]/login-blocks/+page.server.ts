import { text } from '$lib/server/forms';
import { failure, orError, success } from '$lib/server/pages';
import { liftLoginBlock, listLoginBlocks } from '$lib/server/services/login-blocks';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  return { blocks: await orError(listLoginBlocks(locals.api, params.tenantId)) };
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
