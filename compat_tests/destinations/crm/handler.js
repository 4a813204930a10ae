// A CRM: identify upserts a contact, track logs an activity; Headers object; retries on 5xx.
const API = 'https://crm.example.test/v2'
const headers = new Headers({ 'Content-Type': 'application/json' })

async function call(path, payload, settings) {
  headers.set('Authorization', `Bearer ${settings.apiKey}`)
  const res = await fetch(`${API}${path}`, { method: 'post', headers, body: JSON.stringify(payload) })
  if (res.status >= 500 || res.status === 429) throw new RetryError(`CRM answered ${res.status}`)
  const data = await res.json()
  console.log(path, res.status, data)
  return data
}

async function onIdentify(event, settings) {
  if (!event.traits || !event.traits.email) throw new ValidationError('identify needs traits.email')
  return call('/contacts', { id: event.userId, email: event.traits.email, name: event.traits.name }, settings)
}

async function onTrack(event, settings) {
  return call('/activities', { contact: event.userId, type: event.event, at: event.timestamp, ...event.properties }, settings)
}
