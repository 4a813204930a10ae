// Stripe events: customers are identified, charges and subscriptions tracked.
async function onRequest(request, settings) {
  const body = request.json()
  const object = body.data.object
  const type = body.type
  console.log('stripe', type, object.id)
  switch (type) {
    case 'customer.created':
      Segment.identify({ userId: object.id, traits: { email: object.email, name: object.name || null, created: new Date(object.created * 1000) } })
      break
    case 'charge.succeeded':
      Segment.track({ event: 'Charge Succeeded', userId: object.customer || 'anonymous-customer', properties: { amount: object.amount / 100, currency: object.currency.toUpperCase(), captured: object.captured, refunded: object.amount_refunded > 0 } })
      break
    case 'customer.subscription.created':
    case 'customer.subscription.trial_will_end':
      Segment.track({ event: type === 'customer.subscription.created' ? 'Subscription Created' : 'Trial Ending', userId: object.customer, properties: { plan: object.plan && object.plan.id, status: object.status, trialEnd: object.trial_end } })
      break
    default:
      throw new EventNotSupported(`${type} is not supported`)
  }
}
