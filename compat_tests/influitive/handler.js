// Influitive advocate events.
const names = { advocate_joined: 'Advocate Joined', completed_challenge: 'Challenge Completed', earned_badge: 'Badge Earned', influitive_group_join: 'Group Joined' }
async function onRequest(request, settings) {
  const body = request.json()
  const contact = body.contact
  const name = names[body.type]
  if (!name) throw new EventNotSupported(body.type)
  console.log(name, contact.email)
  Segment.track({ event: name, userId: contact.uuid, properties: { points: body.points, challenge: body.challenge && body.challenge.name, badge: body.parameters && body.parameters.badge }, context: { traits: { email: contact.email, name: contact.full_name } } })
}
