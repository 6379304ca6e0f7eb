/** The slice of a WooCommerce REST v3 order (https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties). */
export interface WooOrder {
  id: number;
  number: string;
  /** pending, processing, on-hold, completed, cancelled, refunded, failed, checkout-draft, trash, or a plugin's custom status. */
  status: string;
  currency: string;
  /** Decimal string. */
  total: string;
  date_created_gmt: string;
  date_modified_gmt: string | null;
  billing: { first_name?: string; last_name?: string; email?: string | null; phone?: string | null; country?: string };
  line_items: { name: string; quantity: number; total?: string }[];
  meta_data?: { key: string; value: unknown }[];
}

export interface WooConnection {
  /** The WordPress site URL; the API lives under /wp-json/wc/v3. */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
}

/** What the Shipment Tracking extension stores on the order (`_wc_shipment_tracking_items`). */
export interface WooTrackingItem {
  tracking_provider?: string;
  custom_tracking_provider?: string;
  tracking_number?: string;
  custom_tracking_link?: string;
  tracking_link?: string;
}
