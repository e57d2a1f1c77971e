/**
 * Product pictures (商品图片, 资质/检测报告): which files the console uploads, in one
 * place for the console (checked before upload, in both modes) and the local
 * cloud's browser upload route (checked again on arrival). Cloud storage itself
 * takes any file, so in production the console's check is the only one.
 */
export const IMAGE_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type ImageType = keyof typeof IMAGE_TYPES;
/** 2 MB. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const IMAGE_ERRORS = {
  UNSUPPORTED_IMAGE: '只能上传 JPG、PNG 或 WebP 格式的图片',
  IMAGE_TOO_LARGE: '图片不能超过 2 MB，请压缩后再上传',
  EMPTY_IMAGE: '图片文件是空的',
} as const;
export type ImageErrorCode = keyof typeof IMAGE_ERRORS;

/** The image type the bytes start with (the name or a claimed type can lie), or undefined. */
export function sniffImageType(head: Uint8Array): ImageType | undefined {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp'; // RIFF....WEBP
  return undefined;
}

/** Why a file may not be uploaded (by its claimed type and size), or undefined when it may. */
export function imageProblem(file: { type: string; size: number }): ImageErrorCode | undefined {
  if (!(file.type in IMAGE_TYPES)) return 'UNSUPPORTED_IMAGE';
  if (file.size === 0) return 'EMPTY_IMAGE';
  if (file.size > MAX_IMAGE_BYTES) return 'IMAGE_TOO_LARGE';
  return undefined;
}
