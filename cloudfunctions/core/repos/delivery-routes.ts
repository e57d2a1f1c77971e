import type { DeliveryRouteView } from '../../../typings/contracts/admin/supply';
import { collection } from './db';

const routes = () => collection('deliveryRoutes');

/** The batch's route (_id = batchId), replaced whole. */
export const saveRoute = (route: DeliveryRouteView) => routes().creating(() => routes().set(route));

export const routeOf = (batchId: string) => routes().orNothing(() => routes().byId(batchId), undefined);
