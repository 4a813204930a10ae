// Close: objects for leads, contacts, opportunities; tracks for activities.
async function onRequest(request, settings) {
  const { event } = request.json()
  const objectType = event.object_type
  const data = event.data || {}
  console.log('close', objectType, event.action, request.headers.get('close-sig-timestamp'))
  if (objectType.startsWith('activity.')) {
    const activity = objectType.split('.')[1]
    Segment.track({ event: `${activity.charAt(0).toUpperCase()}${activity.slice(1)} ${event.action}`, userId: event.user_id, properties: { lead: event.lead_id, duration: data.duration, direction: data.direction, changed: event.changed_fields.join(',') } })
    return
  }
  const collections = { lead: 'leads', contact: 'contacts', opportunity: 'opportunities' }
  Segment.set({ collection: collections[objectType], id: event.object_id, properties: { name: data.display_name || data.name, status: data.status_label, value: data.value, emails: (data.emails || []).map(e => e.email).join(';') || undefined } })
}
