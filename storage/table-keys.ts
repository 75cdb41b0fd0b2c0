/**
 * Azure Table keys may not contain / \ # ? or control characters and hold at most 1 KiB.
 * User and Teams ids are percent-encoded so that no input can ever produce an invalid key;
 * percent-encoding keeps ordinary ids readable in Storage Explorer and sorts ASCII as before.
 */
export function encodeKey(value: string): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  // 1 KiB of UTF-16 is 512 characters; encoded keys are ASCII, so 512 characters is the limit.
  if (encoded.length > 512) {
    throw new RangeError(
      `A table key may hold at most 512 encoded characters (got ${encoded.length})`,
    );
  }
  return encoded;
}

export function decodeKey(key: string): string {
  return decodeURIComponent(key);
}
