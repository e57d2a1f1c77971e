import type { AdminSettings, SettingsSaveInput, Warehouse } from '../../../../typings/admin';
import type { GeoPoint } from '../../../../typings/models';
import { db } from '../../infra/cloud';
import { now } from '../../infra/clock';
import { C } from '../../repos/collections';
import { col, isMissingCollection, withCollection } from './common';

/** settings docs owned here: message template ids and the warehouse routes start from. */
export const TEMPLATES_DOC = 'messageTemplates';
export const WAREHOUSE_DOC = 'warehouse';

interface WarehouseDoc {
  _id: string;
  name: string;
  address?: string;
  location: GeoPoint | { longitude: number; latitude: number };
}

async function settingsDoc<T>(id: string): Promise<T | undefined> {
  try {
    return (await col(C.settings).where({ _id: id }).limit(1).get()).data[0] as T | undefined;
  } catch (err) {
    if (isMissingCollection(err)) return undefined;
    throw err;
  }
}

/** [lng, lat] of a stored point (GeoJSON from the seed, or the SDK's Geo.Point shape). */
export function lngLatOf(loc: WarehouseDoc['location']): [number, number] {
  return 'coordinates' in loc ? [loc.coordinates[0], loc.coordinates[1]] : [loc.longitude, loc.latitude];
}

export async function warehouse(): Promise<Warehouse | null> {
  const w = await settingsDoc<WarehouseDoc>(WAREHOUSE_DOC);
  return w?.location
    ? { name: w.name, ...(w.address ? { address: w.address } : {}), location: lngLatOf(w.location) }
    : null;
}

export async function getSettings(): Promise<AdminSettings> {
  const [t, w] = await Promise.all([settingsDoc<{ templates?: Record<string, string> }>(TEMPLATES_DOC), warehouse()]);
  return { templates: t?.templates ?? {}, warehouse: w };
}

export async function saveSettings(input: SettingsSaveInput): Promise<AdminSettings> {
  if (input.templates) {
    const current = (await settingsDoc<{ templates?: Record<string, string> }>(TEMPLATES_DOC))?.templates ?? {};
    const templates = { ...current };
    for (const [key, value] of Object.entries(input.templates)) {
      if (value) templates[key] = value;
      else delete templates[key];
    }
    await withCollection(C.settings, () =>
      col(C.settings)
        .doc(TEMPLATES_DOC)
        .set({ data: { templates, updatedAt: now() } }),
    );
  }
  if (input.warehouse) {
    const w = input.warehouse;
    await withCollection(C.settings, () =>
      col(C.settings)
        .doc(WAREHOUSE_DOC)
        .set({
          data: {
            name: w.name,
            ...(w.address ? { address: w.address } : {}),
            location: db.Geo.Point(w.location[0], w.location[1]),
            updatedAt: now(),
          },
        }),
    );
  }
  return getSettings();
}
