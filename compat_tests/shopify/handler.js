// Shopify orders: one Order Completed track with its products.
async function onRequest(request, settings) {
  const order = request.json()
  const products = (order.line_items || []).map(item => ({ product_id: String(item.product_id), sku: item.sku, name: item.title, price: parseFloat(item.price), quantity: item.quantity }))
  console.log(`order #${order.number}`, products.length, 'items')
  console.log(products[0])
  Segment.track({
    event: 'Order Completed',
    userId: order.customer ? String(order.customer.id) : undefined,
    anonymousId: order.customer ? undefined : order.token,
    properties: { order_id: String(order.id), total: Number(order.total_price), subtotal: Number(order.subtotal_price), currency: order.currency, products, test: order.test },
    context: { ip: order.browser_ip, userAgent: order.client_details && order.client_details.user_agent },
    timestamp: order.created_at
  })
}
