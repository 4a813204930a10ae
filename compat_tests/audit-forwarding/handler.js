// Segment audit events forwarded into a workspace; needs a token setting.
async function onRequest(request, settings) {
  if (!settings.workspaceToken) {
    throw new ValidationError('Workspace Authorization Token is Required')
  }
  const event = request.json()
  const { type, details } = event.properties
  console.log('audit', type, details && details.resource_type)
  Segment.track({ event: type, userId: event.userId, properties: { ...details, workspace: event.properties.workspace_id }, timestamp: event.timestamp })
}
