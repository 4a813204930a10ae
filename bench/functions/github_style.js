// A source function in the style of the functions-library templates (GitHub webhooks):
// reads a header and the JSON body, identifies the sender, tracks the event.
async function onRequest(request, settings) {
  const eventType = request.headers.get('X-Github-Event')
  const body = request.json()
  const sender = body.sender || {}
  if (!eventType) {
    throw new ValidationError('missing X-Github-Event header')
  }
  Segment.identify({
    userId: String(sender.id),
    traits: { login: sender.login, type: sender.type }
  })
  Segment.track({
    event: `GitHub ${eventType}`,
    userId: String(sender.id),
    properties: { repository: body.repository && body.repository.full_name, action: body.action }
  })
}
