/** Uploads a local temp file to cloud storage and answers its fileID. */
export async function uploadPhoto(tempFilePath: string, cloudPath: string): Promise<string> {
  const { fileID } = await wx.cloud.uploadFile({ cloudPath, filePath: tempFilePath });
  return fileID;
}
