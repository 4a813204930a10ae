// A warehouse loader: onBatch sends the events in one request and reports one status per event.
async function onBatch(events, settings) {
  const rows = events.map(e => ({ id: e.messageId, type: e.type, user: e.userId || e.anonymousId, at: e.timestamp }))
  const res = await fetch(new URL('/load?table=' + encodeURIComponent(settings.table), settings.endpoint).toString(), {
    method: 'PUT', headers: [['Content-Type', 'application/json'], ['X-Batch-Size', String(rows.length)]], body: JSON.stringify(rows)
  })
  const { accepted } = await res.json()
  console.log('loaded', accepted, 'of', rows.length)
  return events.map(e => (e.userId || e.anonymousId) ? { status: 200 } : { status: 400, errormessage: 'no user' })
}
async function onTrack(event, settings) { return onBatch([event], settings) }
