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

/**
 * What calling a tool does, as data: `read` changes nothing; `session` changes only who the chat
 * is talking to (verifying binds the session to a customer); `write` changes the store or the
 * shopper's basket, or proposes a change. MCP's hints and the action judge both read this.
 */
export type ToolEffect = 'read' | 'session' | 'write';
export const TOOL_EFFECTS: Readonly<Record<ToolName, ToolEffect>> = {
  search_products: 'read',
  get_product: 'read',
  view_cart: 'read',
  lookup_order: 'read',
  loyalty_status: 'read',
  recommend_products: 'read',
  store_policy: 'read',
  refund_status: 'read',
  verify_customer: 'session',
  add_to_cart: 'write',
  update_cart: 'write',
  reorder: 'write',
  create_return_label: 'write',
  cancel_order: 'write',
  change_shipping_address: 'write',
  exchange_items: 'write',
  report_problem: 'write',
  escalate_to_human: 'write',
};

/** The tools whose effect is `effect`, in TOOL_NAMES order. */
export const toolsWithEffect = (effect: ToolEffect): ToolName[] => TOOL_NAMES.filter((n) => TOOL_EFFECTS[n] === effect);
