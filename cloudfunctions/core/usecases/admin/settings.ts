import type {
  AdminSettings,
  NoShowRule,
  NoShowRuleInput,
  SettingsSaveInput,
  Warehouse,
} from '../../../../typings/contracts/admin/settings';
import { MESSAGE_TEMPLATES } from '../../../../typings/contracts/admin/settings';
import { now } from '../../infra/clock';
import {
  noShowSettings,
  saveTemplates,
  saveWarehouse,
  templatesDoc,
  warehouseDoc,
  type WarehouseDoc,
} from '../../repos/settings';
import { configuredTemplateIds } from '../leader/notices';
import { setNoShowSettings } from '../leader/training';

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

/** The no-show rule as the console edits it: `rule` there, `action` in the stored document. */
async function noShowRule(): Promise<NoShowRule> {
  const s = await noShowSettings();
  return { rule: s.action, graceHours: s.graceHours, remindHoursBefore: s.remindHoursBefore };
}

export async function getSettings(): Promise<AdminSettings> {
  const [t, w, noShow, ids] = await Promise.all([templatesDoc(), warehouse(), noShowRule(), configuredTemplateIds()]);
  const sending = Object.fromEntries(
    Object.entries(MESSAGE_TEMPLATES).map(([key, { kind }]) => [key, ids[kind]]),
  ) as AdminSettings['sending'];
  return { templates: t?.templates ?? {}, sending, warehouse: w, noShow };
}

export async function saveNoShowRule(input: NoShowRuleInput, adminOpenid: string): Promise<AdminSettings> {
  const { rule, ...times } = input;
  await setNoShowSettings({ action: rule, ...times }, adminOpenid);
  return getSettings();
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
