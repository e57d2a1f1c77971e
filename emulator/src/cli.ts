import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from './index';
import { applySeed, readSeed } from './seed';

const usage = `usage: localcloud [--port <p>] [--data <dir>] [--functions <dir>] [--seed <file>] [--env <name>] [--timers] [--refund-delay <ms>] [--media-check-delay <ms>] [--verbose]

  --port       port on 127.0.0.1 (0 picks a free one; default 0)
  --data       folder for persistence (memory only without it)
  --functions  built function bundles (default dist/cloudfunctions)
  --seed       seed file applied to --env when its collections are empty
  --env        env name used for the seed and timers (default local-env; any env works)
  --timers     run timer triggers from each function's config.json on schedule
  --refund-delay  refunds complete by themselves this many ms after cloudPay.refund, as WeChat Pay's
               refund notice would (without it they wait for POST /__localcloud/pay/simulateRefund)
  --media-check-delay  security.mediaCheckAsync verdicts are pushed (wxa_media_check, to the function
               cloudfunctions/message-push.json names) this many ms after the request`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      functions: { type: 'string', default: 'dist/cloudfunctions' },
      seed: { type: 'string' },
      env: { type: 'string', default: 'local-env' },
      timers: { type: 'boolean', default: false },
      'refund-delay': { type: 'string' },
      'media-check-delay': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}\n${usage}`);
  const refundDelay = values['refund-delay'];
  const refundDelayMs = refundDelay === undefined ? undefined : Number(refundDelay);
  if (refundDelayMs !== undefined && !(/^\d+$/.test(refundDelay!) && refundDelayMs <= 86_400_000))
    throw new Error(`invalid --refund-delay ${refundDelay}: milliseconds, 0..86400000\n${usage}`);
  const mediaDelay = values['media-check-delay'];
  const mediaCheckDelayMs = mediaDelay === undefined ? undefined : Number(mediaDelay);
  if (mediaCheckDelayMs !== undefined && !(/^\d+$/.test(mediaDelay!) && mediaCheckDelayMs <= 1_800_000))
    throw new Error(`invalid --media-check-delay ${mediaDelay}: milliseconds, 0..1800000\n${usage}`);
  const running = await startLocalCloud({
    port,
    dataDir: values.data ? path.resolve(values.data) : undefined,
    functionsDir: path.resolve(values.functions),
    verbose: values.verbose,
    refundDelayMs,
    mediaCheckDelayMs,
  });
  if (values.seed) {
    const inserted = await applySeed(running.cloud, values.env, readSeed(values.seed));
    const total = Object.values(inserted).reduce((a, b) => a + b, 0);
    console.error(`seeded ${total} documents into ${values.env}`);
  }
  if (values.timers) running.cloud.functions.startTimers([values.env]);
  const shutdown = () => {
    running.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  console.log(`localcloud listening on ${running.url}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
