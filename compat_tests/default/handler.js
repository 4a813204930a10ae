// The default template: identify, track, group and set from a generic body.
async function onRequest(request, settings) {
  const body = request.json()
  const signature = request.headers.get('X-Signature')
  const name = request.url.searchParams.get('name')
  console.log('default', { signature, name, keys: Object.keys(body) })
  Segment.identify({ anonymousId: 'anon-' + (name || 'none'), traits: { signed: !!signature } })
  Segment.track({ event: 'Webhook Received', anonymousId: 'anon-' + (name || 'none'), properties: { empty: Object.keys(body).length === 0, zero: 0, blank: '' } })
  Segment.group({ groupId: 'default', anonymousId: 'anon', traits: { size: 0 } })
  Segment.set({ collection: 'hooks', id: 0, properties: { seen: true } })
}
