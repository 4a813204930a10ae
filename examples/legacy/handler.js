// A legacy source function: the older `exports.processEvents` style, which
// Segment keeps running. It returns the messages instead of calling Segment.*.

exports.processEvents = async (event) => {
  const { body, queryParameters } = event.payload
  const events = body.deliveries.map((d) => ({
    type: 'track',
    event: 'Email Delivered',
    userId: d.recipient,
    properties: { campaign: queryParameters.campaign, messageId: d.id },
    timestamp: new Date(d.deliveredAt * 1000).toISOString()
  }))
  const objects = [{ collection: 'campaigns', id: queryParameters.campaign, properties: { delivered: events.length } }]
  return { events, objects }
}
