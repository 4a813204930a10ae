// Google Sheets rows (sent by an Apps Script): identify with the row's fields.
async function onRequest(request, settings) {
  const { userId, ...traits } = request.json()
  if (!userId) throw new ValidationError('row has no userId')
  console.log('row for', userId, traits)
  Segment.identify({ userId, traits, context: { source: 'google-sheets' } })
  Segment.track({ event: 'Status Changed', userId, properties: { status: traits.status } })
}
