// Shopify webhook bodies the attack suites deliver: a product, a customer and one of their orders, each with what a
// case changes laid over it, and three store times in order.
export const OLDER = '2026-11-22T09:00:00-07:00';
export const NEWER = '2026-11-23T09:00:00-07:00';
export const LATEST = '2026-11-24T09:00:00-07:00';

export const product = (over: Record<string, unknown>) => ({
  id: 8800000077,
  title: 'Tern Field Jacket',
  handle: 'tern-field-jacket',
  body_html: '<p>Waxed cotton.</p>',
  vendor: 'Northwind Atelier',
  product_type: 'Jackets',
  tags: 'field',
  status: 'active',
  created_at: '2026-11-01T10:00:00-07:00',
  options: [{ name: 'Size' }],
  variants: [{ id: 42000000077, sku: 'TFJ-M', price: '180.00', option1: 'M', option2: null, option3: null, inventory_quantity: 4 }],
  images: [],
  ...over,
});

export const customer = (over: Record<string, unknown>) => ({
  id: 7100000077,
  email: 'wren.hale@example.test',
  first_name: 'Wren',
  last_name: 'Hale',
  tags: 'vip',
  email_marketing_consent: { state: 'unsubscribed' },
  created_at: '2026-10-01T10:00:00-07:00',
  ...over,
});

export const order = (over: Record<string, unknown>, line: Record<string, unknown> = {}) => ({
  id: 5500000077,
  name: '#7707',
  email: 'wren.hale@example.test',
  created_at: '2026-11-20T10:58:02-07:00',
  cancelled_at: null,
  cancel_reason: null,
  financial_status: 'paid',
  fulfillment_status: null,
  total_price: '60.00',
  line_items: [
    {
      variant_id: null,
      sku: 'TFJ-M',
      name: 'Tern Field Jacket',
      title: 'Tern Field Jacket',
      variant_title: 'M',
      quantity: 2,
      price: '30.00',
      ...line,
    },
  ],
  fulfillments: [],
  shipping_address: null,
  ...over,
});
