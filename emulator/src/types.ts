import type { LocalCloud } from './cloud';

/** One running invocation of a cloud function, found again through the wxCloudApiToken it sends. */
export interface Invocation {
  token: string;
  env: string;
  functionName: string;
  openid?: string;
  appid: string;
  /** TCB_SOURCE as the callee sees it: "wx_client" from the mini-program, "<caller>,scf" when chained. */
  source: string;
}

/** One request to POST /admin, after the body has been decoded. */
export interface ActionRequest {
  cloud: LocalCloud;
  env: string;
  /** JSON body fields, or multipart parts decoded to strings (binary parts stay in `parts`). */
  body: Record<string, any>;
  parts?: Record<string, Buffer>;
  invocation?: Invocation;
}

export type ActionHandler = (req: ActionRequest) => unknown | Promise<unknown>;

/** A part of the emulator: it answers some actions, and can be reset and persisted. */
export interface Service {
  actions(): Record<string, ActionHandler>;
  /** Forget everything (tests call reset between cases). */
  reset(): void | Promise<void>;
  /** Write what must survive a restart (called on stop); optional. */
  close?(): void | Promise<void>;
  /** HTTP routes by "METHOD /prefix/", e.g. "PUT /__cos/". */
  routes?(): Record<string, HttpHandler>;
}

/** A reply that is not JSON (the open API answers protobuf bytes). */
export class RawReply {
  constructor(
    readonly body: Buffer,
    readonly contentType = 'application/octet-stream',
    readonly status = 200,
  ) {}
}

export interface HttpRequest {
  method: string;
  /** Path after the route's prefix, decoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
/** Plain HTTP routes (storage bytes, the client gateway, the control API). Return JSON or RawReply. */
export type HttpHandler = (req: HttpRequest) => unknown | Promise<unknown>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
