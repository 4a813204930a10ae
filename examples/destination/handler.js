// A destination function: forwards identify and track events to a CRM's REST API.
// Basic auth from settings, JSON bodies, retries on rate limits and server errors.

const API = 'https://crm.example.com/api/v2'

function authHeader(settings) {
  return 'Basic ' + btoa(`${settings.apiKey}:`)
}

async function send(path, payload, settings) {
  let res
  try {
    res = await fetch(`${API}${path}`, {
      method: 'post',
      headers: { Authorization: authHeader(settings), 'Content-Type': 'application/json' },
      body: JSON.stringify(payload)
    })
  } catch (err) {
    throw new RetryError(`network error: ${err.message}`)  // Segment retries RetryError
  }
  if (res.status === 429 || res.status >= 500) {
    throw new RetryError(`CRM answered ${res.status}`)
  }
  if (!res.ok) {
    throw new InvalidEventPayload(`CRM rejected the event: ${res.status} ${await res.text()}`)
  }
  return res.json()
}

async function onIdentify(event, settings) {
  const email = event.traits && event.traits.email
  if (!email) {
    throw new ValidationError('identify needs traits.email')
  }
  const contact = await send('/contacts', { externalId: event.userId, email, name: event.traits.name }, settings)
  console.log('contact upserted', contact.id)
  return contact
}

async function onTrack(event, settings) {
  const activity = await send('/activities', {
    contact: event.userId,
    type: event.event,
    details: event.properties,
    at: event.timestamp
  }, settings)
  return { activity: activity.id }
}
