// A source function: a sign-up webhook from a product becomes Segment messages.
// Verifies the sender's HMAC signature, then identifies the user, tracks the
// sign-up and records the account as an object.

async function onRequest(request, settings) {
  const signature = request.headers.get('X-Signature')
  const expected = crypto.createHmac('sha256', settings.sharedSecret).update(request.text()).digest('hex')
  if (signature !== expected) {
    throw new ValidationError('signature does not match')
  }

  const { event, user, account, occurredAt } = request.json()
  if (event !== 'user.signed_up') {
    throw new EventNotSupported(`${event} is not supported`)
  }
  console.log('sign-up from', user.email, { plan: account.plan })

  Segment.identify({
    userId: user.id,
    traits: { email: user.email, name: `${user.firstName} ${user.lastName}`, plan: account.plan },
    timestamp: occurredAt
  })

  Segment.track({
    event: 'Signed Up',
    userId: user.id,
    properties: { plan: account.plan, referrer: user.referrer },
    timestamp: occurredAt
  })

  Segment.set({
    collection: 'accounts',
    id: account.id,
    properties: { name: account.name, plan: account.plan, seats: account.seats }
  })
}
