import { pickupCodeKey } from '../domain/pickup-code';

/** The pickup-code AES key from the function's environment (PICKUP_CODE_KEY; see database/README.md). */
export const pickupCodeSecret = (): Buffer => pickupCodeKey(process.env.PICKUP_CODE_KEY);
