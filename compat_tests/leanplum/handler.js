// Leanplum (legacy style): processEvents returns the messages.
exports.processEvents = async (event) => {
  const { body, headers, queryParameters } = event.payload
  const params = Object.keys(queryParameters).length ? queryParameters : body
  console.log('leanplum payload keys', Object.keys(params))
  let time
  try {
    time = new Date(Number(params.time)).toISOString()
  } catch (e) {
    console.log('bad time', e.name)
  }
  return {
    events: [{ type: 'track', event: params.event ? `Email ${params.event}` : 'Email Event', userId: params.user_id || 'unknown', properties: { channel: params.channel, template: params.template_name }, timestamp: time }],
    objects: []
  }
}
