/**
 * 保存到相册: a local image into the phone's album. Without the album permission
 * (the user refused it once: 'auth deny') it explains and offers the settings;
 * a cancel says nothing. Answers whether the image was saved.
 */
export async function saveToAlbum(filePath: string): Promise<boolean> {
  try {
    await new Promise<void>((resolve, reject) =>
      wx.saveImageToPhotosAlbum({ filePath, success: () => resolve(), fail: reject }),
    );
  } catch (err) {
    const message = (err as { errMsg?: string })?.errMsg ?? '';
    if (/auth/.test(message)) {
      const { confirm } = await wx.showModal({
        title: '需要相册权限',
        content: '请在设置中允许保存到相册，再保存海报',
        confirmText: '去设置',
      });
      if (confirm) wx.openSetting({});
    } else if (!/cancel/.test(message)) {
      wx.showToast({ title: '保存失败，请重试', icon: 'none' });
    }
    return false;
  }
  wx.showToast({ title: '已保存到相册', icon: 'success' });
  return true;
}
