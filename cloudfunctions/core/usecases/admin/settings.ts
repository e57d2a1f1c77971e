import type { AdminSettings, SettingsSaveInput, Warehouse } from '../../../../typings/admin';
import { now } from '../../infra/clock';
import { saveTemplates, saveWarehouse, templatesDoc, warehouseDoc, type WarehouseDoc } from '../../repos/settings';

/** [lng, lat] of a stored point (GeoJSON from the seed, or the SDK's Geo.Point shape). */
export function lngLatOf(loc: WarehouseDoc['location']): [number, number] {
  return 'coordinates' in loc ? [loc.coordinates[0], loc.coordinates[1]] : [loc.longitude, loc.latitude];
}

/** The warehouse routes start from, or null when none is set. */
export async function warehouse(): Promise<Warehouse | null> {
  const w = await warehouseDoc();
  return w?.location
    ? { name: w.name, ...(w.address ? { address: w.address } : {}), location: lngLatOf(w.location) }
    : null;
}

export async function getSettings(): Promise<AdminSettings> {
  const [t, w] = await Promise.all([templatesDoc(), warehouse()]);
  return { templates: t?.templates ?? {}, warehouse: w };
}

/** Templates merge key by key (an empty value removes one); the warehouse is replaced whole. */
export async function saveSettings(input: SettingsSaveInput): Promise<AdminSettings> {
  if (input.templates) {
    const templates = { ...(await templatesDoc())?.templates };
    for (const [key, value] of Object.entries(input.templates)) {
      if (value) templates[key] = value;
      else delete templates[key];
    }
    await saveTemplates(templates, now());
  }
  if (input.warehouse) await saveWarehouse(input.warehouse, now());
  return getSettings();
}
