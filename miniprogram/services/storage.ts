import { AppError } from '../lib/errors';

/** Uploads a local temp file to cloud storage and answers its fileID. */
export async function uploadPhoto(tempFilePath: string, cloudPath: string): Promise<string> {
  const { fileID } = await wx.cloud.uploadFile({ cloudPath, filePath: tempFilePath });
  return fileID;
}

/** Uploads photos in order under `folder/`; any failure is a NETWORK error. */
export async function uploadPhotos(folder: string, photoPaths: readonly string[]): Promise<string[]> {
  const photos: string[] = [];
  for (const [i, filePath] of photoPaths.entries()) {
    const ext = /\.\w+$/.exec(filePath)?.[0] ?? '.jpg';
    try {
      photos.push(await uploadPhoto(filePath, `${folder}/${Date.now()}-${i}${ext}`));
    } catch {
      throw new AppError('NETWORK', 'photo upload failed');
    }
  }
  return photos;
}
