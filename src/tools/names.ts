// Every tool's name: the one list the registry, the personas and the output schemas key on.
export const TOOL_NAMES = [
  'search_products',
  'get_product',
  'add_to_cart',
  'update_cart',
  'view_cart',
  'lookup_order',
  'create_return_label',
  'reorder',
  'loyalty_status',
  'recommend_products',
  'verify_customer',
  'escalate_to_human',
  'store_policy',
  'cancel_order',
  'change_shipping_address',
  'exchange_items',
  'refund_status',
  'report_problem',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
