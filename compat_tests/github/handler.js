// GitHub webhooks: the event name comes from a header; issues and comments become track calls.
async function onRequest(request, settings) {
  const event = request.headers.get('X-GitHub-Event')
  const body = request.json()
  console.log('github event', event, { action: body.action, repo: body.repository && body.repository.full_name })
  if (event === 'ping') {
    console.log('ping zen:', body.zen)
    return
  }
  const { issue = {}, sender = {}, repository = {} } = body
  Segment.identify({ userId: String(sender.id), traits: { username: sender.login, avatar: sender.avatar_url, site_admin: sender.site_admin } })
  Segment.track({
    event: `Issue ${body.action.charAt(0).toUpperCase()}${body.action.slice(1)}`,
    userId: String(sender.id),
    properties: { title: issue.title, number: issue.number, labels: (issue.labels || []).map(l => l.name), repo: repository.name, comment: body.comment ? body.comment.body.slice(0, 40) : undefined },
    timestamp: issue.updated_at
  })
}
