// Every tool, by name. The record type makes a missing or misnamed tool a compile error.
import type { toolSchemas } from './schemas.js';
import type { Tool, ToolName } from './types.js';
import { addToCartTool } from './add-to-cart.js';
import { cancelOrderTool } from './cancel-order.js';
import { changeShippingAddressTool } from './change-shipping-address.js';
import { exchangeItemsTool } from './exchange-items.js';
import { refundStatusTool } from './refund-status.js';
import { reportProblemTool } from './report-problem.js';
import { createReturnLabelTool } from './create-return-label.js';
import { escalateToHumanTool } from './escalate-to-human.js';
import { getProductTool } from './get-product.js';
import { lookupOrderTool } from './lookup-order.js';
import { loyaltyStatusTool } from './loyalty-status.js';
import { recommendProductsTool } from './recommend-products.js';
import { reorderTool } from './reorder.js';
import { searchProductsTool } from './search-products.js';
import { storePolicyTool } from './store-policy.js';
import { updateCartTool } from './update-cart.js';
import { verifyCustomerTool } from './verify-customer.js';
import { viewCartTool } from './view-cart.js';

export const ALL_TOOLS: { readonly [N in ToolName]: Tool<(typeof toolSchemas)[N]> & { name: N } } = {
  search_products: searchProductsTool,
  get_product: getProductTool,
  add_to_cart: addToCartTool,
  update_cart: updateCartTool,
  view_cart: viewCartTool,
  lookup_order: lookupOrderTool,
  create_return_label: createReturnLabelTool,
  reorder: reorderTool,
  loyalty_status: loyaltyStatusTool,
  recommend_products: recommendProductsTool,
  verify_customer: verifyCustomerTool,
  escalate_to_human: escalateToHumanTool,
  store_policy: storePolicyTool,
  cancel_order: cancelOrderTool,
  change_shipping_address: changeShippingAddressTool,
  exchange_items: exchangeItemsTool,
  refund_status: refundStatusTool,
  report_problem: reportProblemTool,
};
