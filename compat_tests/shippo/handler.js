// Shippo tracking updates.
async function onRequest(request, settings) {
  const { data, event } = request.json()
  const status = data.tracking_status
  console.log(event, data.tracking_number, status.status)
  Segment.track({
    event: `Shipment ${status.status.toLowerCase()}`,
    anonymousId: data.tracking_number,
    properties: { carrier: data.servicelevel.token, eta: data.eta, from: `${data.address_from.city}, ${data.address_from.state}`, to: `${data.address_to.city}, ${data.address_to.state}`, history: data.tracking_history.length },
    timestamp: status.status_date
  })
}
