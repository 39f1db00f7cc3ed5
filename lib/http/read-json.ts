import 'server-only';
import { ApiError } from '@/lib/core/errors';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

const tooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`);

/**
 * Reads a JSON body without ever buffering more than `limit` bytes: Content-Length is checked
 * first, and the stream is counted as it arrives because the header can lie or be absent.
 */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);

  const contentType = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}
