/** Table types of the offline-channels module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    offline_leaflets: OfflineLeafletTable;
    offline_broadcasts: OfflineBroadcastTable;
    offline_service_points: OfflineServicePointTable;
  }
}

export interface OfflineLeafletTable {
  id: string;
  unit_code: string;
  disclosure_id: string;
  title: string;
  body: string;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface OfflineBroadcastTable {
  disclosure_id: string;
  unit_code: string;
  text: string;
  is_demo: number;
  updated_at: string;
  updated_by: string | null;
}

export interface OfflineServicePointTable {
  id: string;
  unit_code: string;
  kind: string;
  name: string;
  place: string;
  hours: string;
  services_json: string;
  phone: string | null;
  photo_sha256: string | null;
  photo_type: string | null;
  photo_size: number | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  retired_at: string | null;
  retired_reason: string | null;
}
