/** catalog.posterCode: the 小程序码 an item poster carries, and whose point the poster names. */
export interface PosterCode {
  /** 'l=<leaderId>&g=<key>' (≤ 32 chars): user.enter binds a first-time visitor to the leader, catalog.posterScene reads the item back. */
  scene: string;
  /** The code's cloud fileID: the same for the same leader and item (stored once). */
  fileID: string;
  /** A temporary https URL of it, when storage gave one. */
  url?: string;
  leaderId: string;
  leaderName: string;
  pointName: string;
  pointAddress: string;
}

/** catalog.posterScene: what an item poster's scene points at. */
export interface PosterScene {
  batchItemId: string;
  leaderId: string;
}
