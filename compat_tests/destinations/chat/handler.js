// A chat webhook (Slack-like): a string body without headers, read back as text.
async function onTrack(event, settings) {
  if (!settings.events.split(',').map(s => s.trim()).includes(event.event)) {
    console.log('skipping', event.event)
    return { skipped: true }
  }
  const text = `*${event.event}* by ${event.userId}: ${JSON.stringify(event.properties)}`
  const res = await fetch(settings.webhookUrl, { method: 'post', body: JSON.stringify({ text, channel: settings.channel }) })
  const reply = await res.text()
  console.log('chat replied', res.status, reply)
  if (!res.ok) throw new InvalidEventPayload(`chat rejected: ${reply}`)
  return reply
}
