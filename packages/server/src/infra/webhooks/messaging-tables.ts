/** Row types of the messaging tables (migration 0210_messaging), merged into the `Database` interface. */

declare module '../db/schema.js' {
  // Declaration merging: the messaging tables join the one Database interface.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends MessagingTables {}
  interface OutboxMessagesTable {
    /** How the message left: 'outbox' (kept for the app), 'smtp', 'http'; null while queued. */
    transport: string | null;
  }
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookEndpointsTable {
  id: string;
  org_id: string;
  url: string;
  /** JSON array of event names; ["*"] for every event. */
  events: string;
  /** The signing secret, wrapped by the master key (it must be readable to sign each delivery). */
  wrapped_secret: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  org_id: string;
  event: string;
  /** The exact JSON body sent (signed as is). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

export interface MessagingTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
