import { pickupCodeKey } from '../domain/pickup-code';
import { requiredSetting } from './config';

/** The pickup-code AES key from the function's environment (PICKUP_CODE_KEY; see database/README.md). */
export const pickupCodeSecret = (): Buffer => pickupCodeKey(requiredSetting('PICKUP_CODE_KEY'));
