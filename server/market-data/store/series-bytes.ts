// Float64Array <-> little-endian bytes, the storage format of dataset_series.time/.data (data is
// field-major: every value of fields[0], then fields[1], ...).

/** True on little-endian hosts (every platform Node ships for today); big-endian hosts byte-swap. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function swapBytes8(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
}

/** Concatenates the arrays as little-endian float64 bytes into one Buffer. */
export function encodeFloat64LE(arrays: readonly Float64Array[]): Buffer {
  let total = 0;
  for (const a of arrays) total += a.byteLength;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes8(out);
  return out;
}

/**
 * Reads `count` float64 values starting at byte `offset`. Always copies: driver buffers are slices of
 * a shared pool at arbitrary alignment, and the engine must own its arrays.
 */
export function decodeFloat64LE(bytes: Uint8Array, offset: number, count: number): Float64Array {
  const end = offset + count * 8;
  if (offset < 0 || end > bytes.length) {
    throw new RangeError(`need ${count} float64 at byte ${offset}, have ${bytes.length} bytes`);
  }
  const out = new Float64Array(count);
  const view = new Uint8Array(out.buffer);
  view.set(bytes.subarray(offset, end));
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes8(view);
  return out;
}
