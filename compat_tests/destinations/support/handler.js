// A support desk: Basic auth with btoa; groups become organizations; alias is not supported.
async function onGroup(event, settings) {
  if (!event.traits || !event.traits.name) throw new InvalidEventPayload('company is required')
  const auth = 'Basic ' + btoa(`${settings.email}/token:${settings.token}`)
  const res = await fetch(`https://${settings.subdomain}.desk.example.test/api/v2/organizations/create_or_update.json`, {
    method: 'post', headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ organization: { external_id: event.groupId, name: event.traits.name } })
  })
  const body = await res.json()
  console.log('organization', body.organization.id, 'status', res.status)
  return body.organization
}
async function onAlias(event, settings) { throw new EventNotSupported('alias is not supported') }
