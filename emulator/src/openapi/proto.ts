import { Root, type Type } from 'protobufjs';

/**
 * The protobuf messages wx-server-sdk@4.0.2 uses for `wx.openApi`
 * (node_modules/wx-server-sdk/index.js, module "./src/protobuf/openapi.js").
 * Field numbers are copied from its generated encoders; only the messages the
 * emulator reads or writes are declared (protobufjs skips unknown fields).
 *
 * Request: multipart part `requestData` = CommApiData{apiType: OPEN_API(0),
 * openapiData{pairs: [{key, value: JSON bytes | media bytes, contenttype?, filename?}]}, appid?}.
 * Reply: CommOpenApiResp{respData, contentType, errorCode, httpCode}; the SDK parses
 * respData as JSON when contentType is application/json or text/plain, otherwise
 * returns {contentType, buffer}.
 */
const root = Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
    ApiOptions: { fields: { appid: { type: 'string', id: 1 } } },
  },
});

const CommApiData = root.lookupType('CommApiData') as Type;
const CommOpenApiResp = root.lookupType('CommOpenApiResp') as Type;
const ApiOptions = root.lookupType('ApiOptions') as Type;

/** A media parameter (e.g. img for imgSecCheck) as the SDK's mediaConverter sends it. */
export interface MediaParam {
  contentType: string;
  value: Buffer;
  fileName?: string;
}

export interface DecodedOpenApiRequest {
  apiType: number;
  appid?: string;
  params: Record<string, unknown>;
}

export function decodeOpenApiRequest(bytes: Buffer): DecodedOpenApiRequest {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { defaults: false, bytes: Buffer }) as {
    apiType?: number;
    appid?: string;
    openapiData?: { pairs?: Array<{ key: string; value?: Buffer; contenttype?: string; filename?: string }> };
  };
  const params: Record<string, unknown> = {};
  for (const pair of msg.openapiData?.pairs ?? []) {
    const value = Buffer.from(pair.value ?? Buffer.alloc(0));
    if (pair.contenttype) {
      params[pair.key] = { contentType: pair.contenttype, value, fileName: pair.filename } satisfies MediaParam;
      continue;
    }
    const text = value.toString('utf8');
    try {
      params[pair.key] = JSON.parse(text);
    } catch {
      params[pair.key] = text;
    }
  }
  return { apiType: msg.apiType ?? 0, appid: msg.appid || undefined, params };
}

export function encodeOpenApiRequest(params: Record<string, unknown>, appid?: string): Buffer {
  const pairs = Object.entries(params).map(([key, v]) => ({ key, value: Buffer.from(JSON.stringify(v)) }));
  return Buffer.from(
    CommApiData.encode(CommApiData.fromObject({ apiType: 0, openapiData: { pairs }, appid })).finish(),
  );
}

export function encodeOpenApiReply(body: Buffer, contentType: string, errorCode = 0): Buffer {
  return Buffer.from(
    CommOpenApiResp.encode(
      CommOpenApiResp.fromObject({ respData: body, contentType, errorCode, httpCode: 200 }),
    ).finish(),
  );
}

export function decodeOpenApiReply(bytes: Buffer): { respData: Buffer; contentType: string; errorCode: number } {
  const msg = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { bytes: Buffer, defaults: true }) as {
    respData: Buffer;
    contentType: string;
    errorCode: number;
  };
  return { respData: Buffer.from(msg.respData), contentType: msg.contentType, errorCode: msg.errorCode };
}

/** cloudPay sends ApiOptions{appid} in the `apiOptions` part (empty when no appid was given). */
export function decodeApiOptions(bytes: Buffer | undefined): { appid?: string } {
  if (!bytes || bytes.length === 0) return {};
  try {
    const msg = ApiOptions.toObject(ApiOptions.decode(bytes)) as { appid?: string };
    return { appid: msg.appid || undefined };
  } catch {
    return {};
  }
}
