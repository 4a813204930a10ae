// Talkable: referral program events.
async function onRequest(request, settings) {
  const { payload } = request.json()
  const { referrer = {}, referred = {}, campaign = {} } = payload
  const person = payload.person || referrer.person || {}
  const email = referrer.email || person.email || (payload.offer && payload.offer.email)
  console.log('talkable', campaign.id, Object.keys(payload).sort().join(','))
  Segment.track({
    event: payload.reward ? 'Reward Created' : referred.email ? 'Referral Made' : 'Offer Signup',
    userId: email,
    properties: { ...payload.reward, campaign: campaign.id, referred: referred.email, amount: referrer.amount ? parseFloat(referrer.amount) : undefined },
    context: { ip: payload.offer && payload.offer.ip_address }
  })
}
