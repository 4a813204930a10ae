// Pipedrive: deals, people, organizations and notes become objects; deals are also tracked.
async function onRequest(request, settings) {
  const body = request.json()
  const { meta, current, previous, event } = body
  const collection = { deal: 'deals', person: 'people', organization: 'organizations', note: 'notes' }[meta.object]
  console.log(event, meta.object, current ? current.id : null, previous ? 'with previous' : 'new')
  if (meta.action === 'deleted') {
    Segment.set({ collection, id: String(meta.id), properties: { deleted: true } })
    return
  }
  const properties = {}
  for (const key in current) {
    if (current[key] !== null && typeof current[key] !== 'object') properties[key] = current[key]
  }
  Segment.set({ collection, id: String(current.id), properties })
  if (meta.object === 'deal') {
    Segment.track({ event: `Deal ${meta.action}`, userId: String(current.creator_user_id), properties: { value: current.value, currency: current.currency, stage: current.stage_id } })
  }
}
