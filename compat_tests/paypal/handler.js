// PayPal webhooks: payment captures are tracked, billing plans stored as objects.
async function onRequest(request, settings) {
  const { event_type, resource, summary, create_time } = request.json()
  const [kind, ...rest] = event_type.split('.')
  console.log('paypal', kind, rest.join(' ').toLowerCase(), '-', summary)
  if (kind === 'BILLING') {
    Segment.set({ collection: 'billing_plans', id: resource.id, properties: { name: resource.name, state: resource.state, type: resource.type, event: event_type } })
    return
  }
  if (kind === 'PAYMENT' || kind === 'CHECKOUT') {
    const amount = resource.amount || (resource.purchase_units && resource.purchase_units[0].amount) || {}
    Segment.track({ event: event_type.toLowerCase().split('.').map(w => w[0].toUpperCase() + w.slice(1)).join(' '), anonymousId: resource.id, properties: { amount: Number(amount.value || amount.total), currency: amount.currency_code || amount.currency, status: resource.status || resource.state }, timestamp: create_time })
    return
  }
  throw new EventNotSupported(event_type)
}
