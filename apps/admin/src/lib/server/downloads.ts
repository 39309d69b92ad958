import { error } from '@sveltejs/kit';
import { type FallbackMessages, fromResponse, fromThrown, ServiceError } from './services/errors';

/**
 * Files the console passes on from the API to the browser as they arrive (a users export, an import's error report):
 * the browser never holds the API token, so the console fetches the file with the operator's session, and never holds
 * the file either.
 */

/** A file on its way from the API: its body, to pass on as it comes, and how the API announced it. */
export interface StreamedFile {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** The API's content-disposition: an attachment with the file's name. */
  disposition: string;
}

/**
 * The head of a file the API streams. `request` is a call made with `parseAs: 'stream'` through a streaming client
 * (apiClient's `streaming`, whose timeout ends with the head). Resolves once the API has answered, its body unread;
 * a refusal throws a ServiceError like every other call, with `fallbacks` by status. `otherwise`: the type and the
 * file's name when the API says none.
 */
export async function streamedFile(
  request: () => Promise<{ response: Response; error?: unknown }>,
  fallbacks: FallbackMessages,
  otherwise: { contentType: string; fileName: string },
): Promise<StreamedFile> {
  let result;
  try {
    result = await request();
  } catch (cause) {
    throw fromThrown(cause);
  }
  const { response } = result;
  if (!response.ok || !response.body) throw fromResponse(response, result.error, fallbacks);
  return {
    body: response.body,
    contentType: response.headers.get('content-type') ?? otherwise.contentType,
    disposition: response.headers.get('content-disposition') ?? `attachment; filename="${otherwise.fileName}"`,
  };
}

/**
 * A download endpoint's answer: the file `fetchFile` gets, its body handed on as it arrives with the API's type and
 * name. Backpressure reaches the API through this response; a browser that stops the download cancels the body, which
 * closes the API's connection (and so an export's database cursor). A refusal is the error page with its message.
 */
export async function passOnDownload(fetchFile: () => Promise<StreamedFile>): Promise<Response> {
  try {
    const file = await fetchFile();
    return new Response(file.body, {
      headers: {
        'content-type': file.contentType,
        'content-disposition': file.disposition,
        'cache-control': 'private, no-store',
      },
    });
  } catch (cause) {
    if (!(cause instanceof ServiceError)) throw cause;
    error(cause.status, cause.message);
  }
}
