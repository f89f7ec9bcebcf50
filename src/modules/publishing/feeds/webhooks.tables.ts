/** Table types of outbound webhooks (declaration merging on the shared Database interface). */
declare module '../../../platform/db/schema.ts' {
  interface Database {
    webhook_endpoints: WebhookEndpointTable;
    webhook_deliveries: WebhookDeliveryTable;
  }
}

export interface WebhookEndpointTable {
  id: string;
  name: string;
  url: string;
  /** Signing secret: stored (it is needed to sign), returned once at creation, never again. */
  secret: string;
  /** WebhookEventType[] */
  events_json: string;
  /** Org unit code: only events of this unit's subtree are delivered. */
  unit_scope: string;
  active: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  /** The exact body that is sent and signed. */
  payload_json: string;
  /** pending | delivering | delivered | failed | dead */
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  /** Short reason of the last failure (status line or network error); never the payload. */
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}
